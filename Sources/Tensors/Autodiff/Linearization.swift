extension Tensor {
    /// A scalar whose value is `value` and whose gradient with respect to `input` is
    /// `gradient` (shaped like `input`, a constant): the first-order stand-in for a function
    /// of `input` whose value and derivative were worked out by other means, such as plain
    /// loops over values that need no recording. Differentiated twice, `gradient` counts as
    /// a constant.
    ///
    ///     let x = Tensor<Double>([1, 2]).requiringGradient()
    ///     let f = Tensor(linearizedValue: 5, gradient: Tensor([2, 4]), at: x)   // x·x, by hand
    ///     gradients(of: f, withRespectTo: [x])[0]   // [2, 4]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(linearizedValue value: Scalar, gradient: Tensor, at input: Tensor) {
        guard gradient.shape == input.shape else {
            fail(.mismatch(operation: "Tensor(linearizedValue:gradient:at:) (gradient vs input)", lhs: gradient.shape, rhs: input.shape))
        }
        let constant = gradient.withoutDerivative()
        self = Tensor.recording(Tensor(value), input: input) { upstream in constant * upstream }
    }
}

extension Tensor {
    /// 1 where the element is positive, 0 elsewhere: ReLU's derivative, written in terms of its
    /// input or its output. A constant for autodiff (its derivative is zero almost everywhere).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func positiveMask() -> Tensor {
        applying(.positiveMask).withoutDerivative()
    }
}

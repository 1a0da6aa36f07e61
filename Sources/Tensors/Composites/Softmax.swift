// softmax and logSoftmax, composed of primitives (so every order of derivative is free).

/// log(softmax(x)) along `axis`, computed stably as x - max - log(sum(exp(x - max))).
///
///     logSoftmax(Tensor<Float>([[0, 0]]))   // [[-0.6931, -0.6931]]
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func logSoftmax<Scalar>(_ x: Tensor<Scalar>, alongAxis axis: Int = -1) -> Tensor<Scalar> {
    let shifted = x - x.max(alongAxes: [axis], keepingDimensions: true).withoutDerivative()
    return shifted - log(exp(shifted).sum(alongAxes: [axis], keepingDimensions: true))
}

/// e^x / sum(e^x) along `axis`, computed stably.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func softmax<Scalar>(_ x: Tensor<Scalar>, alongAxis axis: Int = -1) -> Tensor<Scalar> {
    let e = exp(x - x.max(alongAxes: [axis], keepingDimensions: true).withoutDerivative())
    return e / e.sum(alongAxes: [axis], keepingDimensions: true)
}

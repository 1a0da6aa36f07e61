import Tensors

/// The global l2 norm of all parameters of `gradient`: sqrt(sum over tensors of sum g^2).
public func globalNorm<Model: Layer>(of gradient: Model) -> Double {
    var total = 0.0
    for g in gradient.parameters {
        g.withUnsafeBufferPointer { buffer in
            for v in buffer { total += Double(v) * Double(v) }
        }
    }
    return total.squareRoot()
}

/// Scales `gradient` so its global norm is at most `maxNorm` (TensorFlow's
/// clip_by_global_norm); returns the norm before clipping.
@discardableResult
public func clipByGlobalNorm<Model: Layer>(_ gradient: inout Model, maxNorm: Double) -> Double {
    guard maxNorm > 0 else { fatalError("clipByGlobalNorm needs a positive maxNorm, got \(maxNorm)") }
    let norm = globalNorm(of: gradient)
    guard norm > maxNorm else { return norm }
    let scale = Model.Scalar(maxNorm / norm)
    gradient.forEachParameter { g in
        g.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] *= scale }
        }
    }
    return norm
}

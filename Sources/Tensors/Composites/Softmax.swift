// softmax and logSoftmax. logSoftmax is composed of primitives (so every order of derivative
// is free); softmax is one operation whose recorded gradient is built from primitives.

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
///
/// One recorded operation: the value comes from one pass of plain loops per row, and so
/// does the gradient p ⊙ (g - <g, p>) when the backward pass is not itself recorded. A
/// recorded backward pass (gradients of gradients) builds that gradient from differentiable
/// primitives instead, so every order of derivative stays exact.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func softmax<Scalar>(_ x: Tensor<Scalar>, alongAxis axis: Int = -1) -> Tensor<Scalar> {
    let a = x.normalized(axis: axis, operation: "softmax")
    let rows = SoftmaxRows(shape: x.shape, axis: a)
    let value = Tensor<Scalar>(shape: x.shape) { out in rows.softmax(x.buffer.base, into: out) }
    return Tensor.recording(value, input: x) { g in
        guard GradientRecording.isEnabled, g.requiresGradient || x.requiresGradient else {
            return Tensor<Scalar>(shape: x.shape) { out in rows.softmaxGradient(g.buffer.base, value.buffer.base, into: out) }
        }
        let p = composedSoftmax(x, alongAxis: a)
        return p * (g - (g * p).sum(alongAxes: [a], keepingDimensions: true))
    }
}

/// softmax from primitives (differentiable to every order through the primitives' own
/// pullbacks).
private func composedSoftmax<Scalar>(_ x: Tensor<Scalar>, alongAxis axis: Int) -> Tensor<Scalar> {
    let e = exp(x - x.max(alongAxes: [axis], keepingDimensions: true).withoutDerivative())
    return e / e.sum(alongAxes: [axis], keepingDimensions: true)
}

/// The rows a softmax runs along: `outer` * `inner` of them, each `size` long with its
/// entries `inner` apart.
private struct SoftmaxRows {
    let outer: Int
    let size: Int
    let inner: Int

    init(shape: [Int], axis: Int) {
        (outer, size, inner) = (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// Calls `body` with the offset of each row's first entry.
    @inline(__always)
    private func forEachRow(_ body: (Int) -> Void) {
        for o in 0..<outer {
            for i in 0..<inner { body(o * size * inner + i) }
        }
    }

    /// out = e^(x - max) / sum(e^(x - max)) along each row.
    @inline(__always)
    func softmax<Scalar: TensorScalar>(_ x: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>) {
        forEachRow { first in
            var largest = -Scalar.infinity
            for k in 0..<size {
                let v = x[first + k * inner]
                if v > largest || v.isNaN { largest = v }
            }
            var total: Scalar = 0
            for k in 0..<size {
                let e = Scalar.exp(x[first + k * inner] - largest)
                out[first + k * inner] = e
                total += e
            }
            for k in 0..<size { out[first + k * inner] /= total }
        }
    }

    /// out = p ⊙ (g - <g, p>) along each row: the gradient through softmax output p.
    @inline(__always)
    func softmaxGradient<Scalar: TensorScalar>(
        _ g: UnsafePointer<Scalar>, _ p: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>
    ) {
        forEachRow { first in
            var dot: Scalar = 0
            for k in 0..<size { dot += g[first + k * inner] * p[first + k * inner] }
            for k in 0..<size { out[first + k * inner] = p[first + k * inner] * (g[first + k * inner] - dot) }
        }
    }
}

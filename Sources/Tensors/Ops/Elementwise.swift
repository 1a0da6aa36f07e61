// The elementwise primitives: each forward kernel with its pullback beside it, written in
// tensor operations so that the backward pass can itself be differentiated.

extension Tensor {
    /// Applies a unary kernel (no autodiff record).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func applying(_ kernel: UnaryKernel) -> Tensor {
        Tensor(shape: shape) { out in
            let input = buffer.base
            // Large tensors are split across cores (each element on its own: the same result).
            CoreSplit.forEachPart(count: count, elementsPerItem: 1) { _, range in
                Scalar._unary(kernel, input + range.lowerBound, out + range.lowerBound, count: range.count)
            }
        }
    }

    /// Applies a broadcasting binary kernel (no autodiff record).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func combining(_ kernel: BinaryKernel, _ a: Tensor, _ b: Tensor, operation: String) -> Tensor {
        guard let layout = BroadcastLayout(left: a.shape, right: b.shape) else {
            fail(.mismatch(operation: operation, lhs: a.shape, rhs: b.shape))
        }
        return Tensor(shape: layout.outputShape) { out in
            let (left, right) = (a.buffer.base, b.buffer.base)
            switch layout.kind {
            case .contiguous, .scalarLeft, .scalarRight:
                // Large tensors are split across cores (each element on its own: the same
                // result); a one-element operand stays where it is.
                CoreSplit.forEachPart(count: layout.count, elementsPerItem: 1) { _, range in
                    let part = layout.prefix(range.count)
                    let leftOffset = layout.kind == .scalarLeft ? 0 : range.lowerBound
                    let rightOffset = layout.kind == .scalarRight ? 0 : range.lowerBound
                    Scalar._binary(kernel, left + leftOffset, right + rightOffset, out + range.lowerBound, layout: part)
                }
            case .general:
                Scalar._binary(kernel, left, right, out, layout: layout)
            }
        }
    }

    /// The gradient `g` of a broadcast result, summed back to `self`'s shape; nil if the
    /// backward pass under way does not want `self`'s gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func gradientShare(_ g: @autoclosure () -> Tensor) -> Tensor? {
        isWantedByBackpropagation ? g().sum(toShape: shape) : nil
    }

    /// Elementwise sum, with broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        recording(combining(.add, lhs, rhs, operation: "+"), inputs: [lhs, rhs]) { g in
            [lhs.gradientShare(g), rhs.gradientShare(g)]
        }
    }

    /// Elementwise difference, with broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        recording(combining(.subtract, lhs, rhs, operation: "-"), inputs: [lhs, rhs]) { g in
            [lhs.gradientShare(g), rhs.gradientShare(-g)]
        }
    }

    /// Elementwise product, with broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        recording(combining(.multiply, lhs, rhs, operation: "*"), inputs: [lhs, rhs]) { g in
            [lhs.gradientShare(g * rhs), rhs.gradientShare(g * lhs)]
        }
    }

    /// Elementwise quotient, with broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor {
        recording(combining(.divide, lhs, rhs, operation: "/"), inputs: [lhs, rhs]) { g in
            [lhs.gradientShare(g / rhs), rhs.gradientShare(-g * lhs / (rhs * rhs))]
        }
    }

    /// Elementwise negation.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static prefix func - (x: Tensor) -> Tensor {
        recording(x.applying(.negate), input: x) { g in -g }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func + (lhs: Tensor, rhs: Scalar) -> Tensor { lhs + Tensor(rhs) }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func + (lhs: Scalar, rhs: Tensor) -> Tensor { Tensor(lhs) + rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func - (lhs: Tensor, rhs: Scalar) -> Tensor { lhs - Tensor(rhs) }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func - (lhs: Scalar, rhs: Tensor) -> Tensor { Tensor(lhs) - rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func * (lhs: Tensor, rhs: Scalar) -> Tensor { lhs * Tensor(rhs) }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func * (lhs: Scalar, rhs: Tensor) -> Tensor { Tensor(lhs) * rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func / (lhs: Tensor, rhs: Scalar) -> Tensor { lhs / Tensor(rhs) }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func / (lhs: Scalar, rhs: Tensor) -> Tensor { Tensor(lhs) / rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs + rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs - rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func += (lhs: inout Tensor, rhs: Scalar) { lhs = lhs + rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func -= (lhs: inout Tensor, rhs: Scalar) { lhs = lhs - rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func *= (lhs: inout Tensor, rhs: Scalar) { lhs = lhs * rhs }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func /= (lhs: inout Tensor, rhs: Scalar) { lhs = lhs / rhs }
}

/// e^x, elementwise.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func exp<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    let y = x.applying(.exp)
    return Tensor.recording(y, input: x) { g in g * (GradientRecording.isEnabled ? exp(x) : y) }
}

/// The natural logarithm, elementwise.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func log<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    Tensor.recording(x.applying(.log), input: x) { g in g / x }
}

/// The square root, elementwise.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func sqrt<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    let y = x.applying(.sqrt)
    return Tensor.recording(y, input: x) { g in g / ((GradientRecording.isEnabled ? sqrt(x) : y) * 2) }
}

/// The hyperbolic tangent, elementwise.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func tanh<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    let y = x.applying(.tanh)
    return Tensor.recording(y, input: x) { g in
        let t = GradientRecording.isEnabled ? tanh(x) : y
        return g * (1 - t * t)
    }
}

/// The logistic function 1 / (1 + e^-x), elementwise.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func sigmoid<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    let y = x.applying(.sigmoid)
    return Tensor.recording(y, input: x) { g in
        let s = GradientRecording.isEnabled ? sigmoid(x) : y
        return g * s * (1 - s)
    }
}

/// max(x, 0), elementwise. Its derivative at 0 is taken as 0.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func relu<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    Tensor.recording(x.applying(.relu), input: x) { g in g.keepingWherePositive(x) }
}

extension Tensor {
    /// `self` where `x` is positive, else 0 (relu's pullback of `self` at `x`), in one pass.
    /// Linear in `self`, so its own pullback is the same masking; piecewise constant in `x`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func keepingWherePositive(_ x: Tensor) -> Tensor {
        Tensor.recording(Tensor.combining(.keepWherePositive, self, x, operation: "relu's pullback"), input: self) { g in
            g.keepingWherePositive(x)
        }
    }
}

/// |x|, elementwise. Its derivative at 0 is taken as 0.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func abs<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    Tensor.recording(x.applying(.abs), input: x) { g in g * x.applying(.sign) }
}

/// -1, 0 or 1 by the sign of each element (a constant: its derivative is zero).
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func sign<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    x.applying(.sign)
}

/// x^p elementwise, with broadcasting. The derivative with respect to `p` needs x > 0.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func pow<Scalar>(_ x: Tensor<Scalar>, _ p: Tensor<Scalar>) -> Tensor<Scalar> {
    Tensor.recording(Tensor.combining(.pow, x, p, operation: "pow"), inputs: [x, p]) { g in
        [x.gradientShare(g * p * pow(x, p - 1)), p.gradientShare(g * pow(x, p) * log(x))]
    }
}

/// x^p elementwise for a constant exponent.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func pow<Scalar>(_ x: Tensor<Scalar>, _ p: Scalar) -> Tensor<Scalar> {
    if p == 0 { return Tensor(ones: x.shape) }
    if p == 1 { return x }
    if p == 2 { return x * x }
    return pow(x, Tensor(p))
}

/// The larger of `a` and `b`, elementwise with broadcasting (ties count for `a`).
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func max<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
    Tensor.recording(Tensor.combining(.maximum, a, b, operation: "max"), inputs: [a, b]) { g in
        let pickA = Tensor.combining(.greaterOrEqual, a, b, operation: "max")
        return [a.gradientShare(g * pickA), b.gradientShare(g * (1 - pickA))]
    }
}

/// The smaller of `a` and `b`, elementwise with broadcasting (ties count for `a`).
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func min<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
    Tensor.recording(Tensor.combining(.minimum, a, b, operation: "min"), inputs: [a, b]) { g in
        let pickA = Tensor.combining(.lessOrEqual, a, b, operation: "min")
        return [a.gradientShare(g * pickA), b.gradientShare(g * (1 - pickA))]
    }
}

@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func max<Scalar>(_ a: Tensor<Scalar>, _ b: Scalar) -> Tensor<Scalar> { max(a, Tensor(b)) }
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func min<Scalar>(_ a: Tensor<Scalar>, _ b: Scalar) -> Tensor<Scalar> { min(a, Tensor(b)) }

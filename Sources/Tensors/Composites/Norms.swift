// Vector norms over chosen axes, composed of primitives (one pass of a reduction kernel when
// no gradient is recorded).

/// A vector norm: l_1, l_2, l_inf, or l_p for p >= 1.
public enum Norm: Sendable, Equatable, CustomStringConvertible {
    case l1, l2, lInfinity
    /// The l_p norm for a finite p >= 1.
    case lp(Double)

    /// The dual norm, q = p / (p - 1): l_1 <-> l_inf, l_2 <-> l_2 (Elsayed et al. 2018, eq. 7).
    public var dual: Norm {
        switch self {
        case .l1: return .lInfinity
        case .l2: return .l2
        case .lInfinity: return .l1
        case .lp(let p):
            if p == 1 { return .lInfinity }
            if p == 2 { return .l2 }
            return .lp(p / (p - 1))
        }
    }

    /// The exponent p (infinity for l_inf).
    public var p: Double {
        switch self {
        case .l1: return 1
        case .l2: return 2
        case .lInfinity: return .infinity
        case .lp(let p): return p
        }
    }

    public var description: String {
        switch self {
        case .l1: return "l1"
        case .l2: return "l2"
        case .lInfinity: return "l_inf"
        case .lp(let p): return "l_\(p)"
        }
    }
}

extension Tensor {
    /// The `norm` of this tensor over `axes` (all axes by default).
    ///
    ///     Tensor<Float>([3, -4]).norm(.l2)          // 5
    ///     Tensor<Float>([3, -4]).norm(.lInfinity)   // 4
    ///
    /// The l_2 norm of a zero vector has no derivative; its gradient is taken as zero there.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func norm(_ norm: Norm, alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let axes = axes ?? Array(0..<rank)
        if !(GradientRecording.isEnabled && requiresGradient), norm.onePassKernel != nil {
            // A constant result: one pass, without the primitives' intermediate tensors.
            let set = axisMask(axes, operation: "norm")
            let layout = ReductionLayout(shape: shape, reduced: set)
            return Tensor(shape: reducedShape(set, keepingDimensions: keepingDimensions)) { out in
                norm.reduceInOnePass(buffer.base, into: out, layout: layout)
            }
        }
        switch norm {
        case .l1:
            return abs(self).sum(alongAxes: axes, keepingDimensions: keepingDimensions)
        case .l2:
            let squares = (self * self).sum(alongAxes: axes, keepingDimensions: keepingDimensions)
            // sqrt's derivative at 0 is infinite; where the sum is 0 the norm's gradient is 0.
            let zero = squares .== Scalar(0)
            return sqrt(squares + zero) - zero
        case .lInfinity:
            return abs(self).max(alongAxes: axes, keepingDimensions: keepingDimensions)
        case .lp(let p):
            guard p >= 1, p.isFinite else { fail(.invalid("an l_p norm needs a finite p >= 1, got p = \(p)")) }
            if p == 1 { return self.norm(.l1, alongAxes: axes, keepingDimensions: keepingDimensions) }
            if p == 2 { return self.norm(.l2, alongAxes: axes, keepingDimensions: keepingDimensions) }
            let powered = pow(abs(self), Scalar(p)).sum(alongAxes: axes, keepingDimensions: keepingDimensions)
            let zero = powered .== Scalar(0)
            return pow(powered + zero, Scalar(1 / p)) - zero
        }
    }

    /// The `norm` of each row (everything after axis 0; a rank-1 tensor's rows are its
    /// elements) of each of `tensors`, which all have the same number of rows, stacked:
    /// [tensors.count, rows]. When no gradient is recorded, one pass per tensor into one result.
    ///
    ///     Tensor(stackingRowNormsOf: [a, b], .l2)   // [[|a_0|, |a_1|, ...], [|b_0|, ...]]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(stackingRowNormsOf tensors: [Tensor], _ norm: Norm) {
        let rows = tensors.first?.shape.first ?? 0
        if let bad = tensors.first(where: { $0.rank < 1 || $0.shape[0] != rows }) {
            fail(.invalid("stackingRowNormsOf needs tensors with the same number of rows (\(rows)), got shape \(bad.shape)"))
        }
        guard norm.onePassKernel != nil, rows > 0, !(GradientRecording.isEnabled && tensors.contains(where: \.requiresGradient)) else {
            self.init(stacking: tensors.map { $0.rank > 1 ? $0.norm(norm, alongAxes: Array(1..<$0.rank)) : abs($0) }, alongAxis: 0)
            return
        }
        // The rows split across cores (the nine seeds' input gradients of a CNN batch are
        // tens of megabytes).
        let columns = tensors.map { $0.count / rows }
        let rowSize = columns.reduce(0, +)
        self.init(shape: [tensors.count, rows]) { out in
            CoreSplit.forEachPart(count: rows, elementsPerItem: rowSize) { _, part in
                for (i, tensor) in tensors.enumerated() {
                    let layout = ReductionLayout(shape: [part.count, columns[i]], reduced: [false, true])
                    norm.reduceInOnePass(tensor.buffer.base + part.lowerBound * columns[i], into: out + i * rows + part.lowerBound, layout: layout)
                }
            }
        }
    }
}

extension Norm {
    /// The reduction kernel that gives this norm in one pass (before a square root for
    /// l_2), or nil for a general l_p.
    var onePassKernel: ReductionKernel? {
        switch self {
        case .l1: return .sumOfMagnitudes
        case .l2: return .sumOfSquares
        case .lInfinity: return .maxMagnitude
        case .lp: return nil
        }
    }

    /// This norm of `x` reduced by `layout` into `out`, with no gradient recorded (l_1, l_2
    /// and l_inf only: see `onePassKernel`).
    @inline(__always)
    func reduceInOnePass<Scalar: TensorScalar>(_ x: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>, layout: ReductionLayout) {
        guard let kernel = onePassKernel else { preconditionFailure("\(self) has no one-pass kernel") }
        Scalar._reduce(kernel, x, out, layout: layout)
        if self == .l2 { for i in 0..<layout.outputCount { out[i] = out[i].squareRoot() } }
    }
}

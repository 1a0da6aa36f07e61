// Clamping, selection and one-hot encoding, composed of primitives.

extension Tensor {
    /// Every element limited to `lower...upper`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func clamped(to range: ClosedRange<Scalar>) -> Tensor {
        Tensors.min(Tensors.max(self, range.lowerBound), range.upperBound)
    }

    /// One-hot rows: row `i` has a 1 at column `labels[i]` (a constant).
    ///
    ///     Tensor<Float>(oneHot: [1, 0], classCount: 3)   // [[0, 1, 0], [1, 0, 0]]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(oneHot labels: [Int], classCount: Int) {
        if let bad = labels.first(where: { $0 < 0 || $0 >= classCount }) {
            fail(.invalid("label \(bad) is out of range for \(classCount) classes"))
        }
        self.init(shape: [labels.count, classCount]) { out in
            out.initialize(repeating: 0, count: labels.count * classCount)
            for (row, label) in labels.enumerated() { out[row * classCount + label] = 1 }
        }
    }
}

/// `a` where `condition` is 1 and `b` where it is 0, elementwise with broadcasting.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func select<Scalar>(_ condition: Tensor<Scalar>, _ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
    condition * a + (1 - condition) * b
}

// Deterministic test inputs: every fixture is decided by its seed.

import Tensors
import Testing

/// Uniform values in `range`, decided by `seed`.
///
///     let x = randomTensor([3, 4], seed: 1)
public func randomTensor(_ shape: [Int], seed: UInt64, in range: Range<Double> = -1..<1) -> Tensor<Double> {
    var generator = SeededGenerator(seed: seed)
    return Tensor(randomUniform: shape, in: range, using: &generator)
}

/// Values in `range` that are pairwise at least `(range width) / (2 count)` apart and never 0:
/// evenly spaced points in a seeded random order. For operations whose derivative jumps at
/// ties or at zero (max, min, relu, abs, norms), so finite differences never cross a kink.
///
///     let x = distinctTensor([2, 3], seed: 7)   // six distinct values, none near 0
public func distinctTensor(_ shape: [Int], seed: UInt64, in range: ClosedRange<Double> = -1...1) -> Tensor<Double> {
    let count = shape.reduce(1, *)
    var generator = SeededGenerator(seed: seed)
    let order = generator.permutation(count)
    let width = range.upperBound - range.lowerBound
    // The 0.37 offset keeps every point off the centre of a symmetric range.
    let scalars = order.map { range.lowerBound + width * (Double($0) + 0.37) / Double(count) }
    return Tensor(shape: shape, scalars: scalars)
}

/// `(y * w).sum()` for fixed weights `w` in [-1, 1) decided by `y`'s shape: a scalar that
/// depends on every element of `y` differently, so that a gradient check of a tensor-valued
/// operation tests each element's derivative (a plain `sum()` would hide, for example, every
/// error in softmax's derivative, whose sum is constant).
public func weightedSum(_ y: Tensor<Double>, seed: UInt64 = 99) -> Tensor<Double> {
    let weights = randomTensor(y.shape, seed: seed &+ UInt64(y.count))
    return (y * weights).sum()
}

/// Two operand shapes for a broadcasting operation, printed as "[3, 4] with [4]" in test names.
public struct ShapePair: Sendable, CustomTestStringConvertible {
    public let lhs: [Int]
    public let rhs: [Int]

    public init(_ lhs: [Int], _ rhs: [Int]) {
        self.lhs = lhs
        self.rhs = rhs
    }

    public var testDescription: String { "\(lhs) with \(rhs)" }

    /// Equal shapes, a trailing vector, an outer product, scalars on either side, and a
    /// middle axis of size 1: the broadcasting cases every binary operation is checked on.
    public static let broadcastingCases: [ShapePair] = [
        ShapePair([3, 4], [3, 4]), ShapePair([3, 4], [4]), ShapePair([3, 1], [1, 4]),
        ShapePair([], [2, 3]), ShapePair([2, 3], []), ShapePair([2, 3, 4], [3, 1]),
    ]
}

/// Two tensors of `pair`'s shapes whose scalars are all distinct and away from 0 (see
/// `distinctTensor`), so elementwise max and min have no ties between the operands.
public func distinctTensors(_ pair: ShapePair, seed: UInt64) -> (Tensor<Double>, Tensor<Double>) {
    let (m, n) = (pair.lhs.reduce(1, *), pair.rhs.reduce(1, *))
    let all = distinctTensor([m + n], seed: seed).scalars
    return (Tensor(shape: pair.lhs, scalars: Array(all[..<m])), Tensor(shape: pair.rhs, scalars: Array(all[m...])))
}

/// The elementwise unary computations the scalar kernels implement.
public enum UnaryKernel: Sendable {
    case negate, exp, log, sqrt, tanh, sigmoid, relu, abs, sign
    /// 1 where the value is positive, else 0 (the derivative of relu).
    case positiveMask
}

/// The elementwise binary computations the scalar kernels implement (comparisons give 0 or 1).
public enum BinaryKernel: Sendable {
    case add, subtract, multiply, divide, pow, maximum, minimum
    case greater, greaterOrEqual, less, lessOrEqual, equal
    /// The left value where the right one is positive, else 0 (relu's pullback).
    case keepWherePositive
}

/// The reductions the scalar kernels implement.
public enum ReductionKernel: Sendable {
    case sum, max
    /// The sum of squares, of magnitudes, and the largest magnitude: the l_2 (before its
    /// square root), l_1 and l_inf norms in one pass.
    case sumOfSquares, sumOfMagnitudes, maxMagnitude
}

/// How two operands of a broadcasting binary operation map onto its output.
///
/// Built once per operation from the operands' shapes (NumPy's broadcasting rules); the
/// strides are per output axis, with 0 where an operand is broadcast along that axis.
public struct BroadcastLayout: Sendable {
    /// How the loop can run.
    public enum Kind: Sendable { case contiguous, scalarRight, scalarLeft, general }

    public let outputShape: [Int]
    public let leftStrides: [Int]
    public let rightStrides: [Int]
    public let kind: Kind
    public let count: Int

    init(outputShape: [Int], leftStrides: [Int], rightStrides: [Int], kind: Kind, count: Int) {
        self.outputShape = outputShape
        self.leftStrides = leftStrides
        self.rightStrides = rightStrides
        self.kind = kind
        self.count = count
    }

    /// The same loop over the first `count` elements of the output (the contiguous and
    /// one-element kinds only, whose loops need no strides).
    func prefix(_ count: Int) -> BroadcastLayout {
        precondition(kind != .general, "a general broadcast has no prefix layout")
        return BroadcastLayout(outputShape: [count], leftStrides: [], rightStrides: [], kind: kind, count: count)
    }

    /// The layout for operands of shapes `left` and `right`, or nil if they do not broadcast.
    public init?(left: [Int], right: [Int]) {
        // The common cases need no strides: equal shapes, or a one-element operand that
        // does not add axes.
        let leftCount = left.reduce(1, *)
        let rightCount = right.reduce(1, *)
        if left == right {
            self.init(outputShape: left, leftStrides: [], rightStrides: [], kind: .contiguous, count: leftCount)
            return
        }
        if rightCount == 1 && right.count <= left.count {
            self.init(outputShape: left, leftStrides: [], rightStrides: [], kind: .scalarRight, count: leftCount)
            return
        }
        if leftCount == 1 && left.count <= right.count {
            self.init(outputShape: right, leftStrides: [], rightStrides: [], kind: .scalarLeft, count: rightCount)
            return
        }
        let rank = max(left.count, right.count)
        let l = [Int](repeating: 1, count: rank - left.count) + left
        let r = [Int](repeating: 1, count: rank - right.count) + right
        var shape = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            if l[axis] == r[axis] || r[axis] == 1 {
                shape[axis] = l[axis]
            } else if l[axis] == 1 {
                shape[axis] = r[axis]
            } else {
                return nil
            }
        }
        let count = shape.reduce(1, *)
        let kind: Kind
        if leftCount == count && rightCount == count {
            kind = .contiguous
        } else if rightCount == 1 && leftCount == count {
            kind = .scalarRight
        } else if leftCount == 1 && rightCount == count {
            kind = .scalarLeft
        } else {
            kind = .general
        }
        self.init(
            outputShape: shape, leftStrides: Self.broadcastStrides(l, to: shape),
            rightStrides: Self.broadcastStrides(r, to: shape), kind: kind, count: count)
    }

    private static func broadcastStrides(_ shape: [Int], to output: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = shape[axis] == 1 && output[axis] != 1 ? 0 : step
            step *= shape[axis]
        }
        return strides
    }
}

/// How a reduction over some axes maps its input onto its output.
public struct ReductionLayout: Sendable {
    /// How the loop can run.
    public enum Kind: Sendable {
        /// Everything into one value.
        case all
        /// Reduce the trailing `inner` values of each of `outer` rows.
        case rows(outer: Int, inner: Int)
        /// Reduce the leading `outer` rows elementwise into one row of `inner` values.
        case columns(outer: Int, inner: Int)
        /// Any other set of axes: output strides per input axis, 0 on reduced axes.
        case general(outputStrides: [Int])
    }

    public let inputShape: [Int]
    /// The output shape with the reduced axes kept as 1.
    public let outputShape: [Int]
    public let kind: Kind
    public let inputCount: Int
    public let outputCount: Int

    /// The layout reducing the axes of `shape` marked in `reduced` (one flag per axis).
    public init(shape: [Int], reduced axes: [Bool]) {
        inputShape = shape
        outputShape = shape.indices.map { axes[$0] ? 1 : shape[$0] }
        inputCount = shape.reduce(1, *)
        outputCount = outputShape.reduce(1, *)
        // Axes of size 1 do not matter: treat them as whichever side makes the loop simpler.
        let reduced = shape.indices.map { axes[$0] && shape[$0] != 1 }
        let kept = shape.indices.map { !axes[$0] && shape[$0] != 1 }
        if !kept.contains(true) {
            kind = .all
        } else if let firstReduced = reduced.firstIndex(of: true), !kept[firstReduced...].contains(true) {
            // Products, not a quotient of the count: an axis of size 0 makes the count 0.
            kind = .rows(outer: shape[..<firstReduced].reduce(1, *), inner: shape[firstReduced...].reduce(1, *))
        } else if let lastReduced = reduced.lastIndex(of: true), !kept[...lastReduced].contains(true) {
            kind = .columns(outer: shape[...lastReduced].reduce(1, *), inner: shape[(lastReduced + 1)...].reduce(1, *))
        } else if !reduced.contains(true) {
            kind = .rows(outer: inputCount, inner: 1)
        } else {
            var strides = [Int](repeating: 0, count: shape.count)
            var step = 1
            for axis in stride(from: shape.count - 1, through: 0, by: -1) {
                strides[axis] = axes[axis] ? 0 : step
                step *= outputShape[axis]
            }
            kind = .general(outputStrides: strides)
        }
    }
}

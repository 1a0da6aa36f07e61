/// A problem with the shapes or arguments of a tensor operation, worded for the person who
/// called it.
///
///     ShapeError.mismatch(operation: "matmul", lhs: [3, 4], rhs: [4, 5]).description
///     // "shape mismatch: [3, 4] vs [4, 5] in matmul"
public enum ShapeError: Error, Equatable, CustomStringConvertible {
    /// Two operands whose shapes do not fit together.
    case mismatch(operation: String, lhs: [Int], rhs: [Int])
    /// The scalar count does not match the product of the shape.
    case scalarCount(expected: Int, got: Int, shape: [Int])
    /// An axis outside `-rank..<rank`.
    case axisOutOfRange(axis: Int, rank: Int, operation: String)
    /// An operation given a tensor of the wrong rank.
    case rank(operation: String, expected: String, got: [Int])
    /// Any other invalid argument, with a sentence that says what is wrong.
    case invalid(String)

    public var description: String {
        switch self {
        case let .mismatch(operation, lhs, rhs):
            return "shape mismatch: \(lhs) vs \(rhs) in \(operation)"
        case let .scalarCount(expected, got, shape):
            return "shape \(shape) needs \(expected) scalars, got \(got)"
        case let .axisOutOfRange(axis, rank, operation):
            return "axis \(axis) is out of range for a tensor of rank \(rank) in \(operation)"
        case let .rank(operation, expected, got):
            return "\(operation) needs \(expected), got a tensor of shape \(got)"
        case let .invalid(message):
            return message
        }
    }
}

/// Stops with `error`'s text: the tensor operations' way of refusing bad input.
func fail(_ error: ShapeError) -> Never {
    fatalError(error.description)
}

// Approximate equality of tensors and scalars, reported through Swift Testing at the caller.

import Tensors
import Testing

/// Whether `a` and `b` agree to within `tolerance`, measured relative to their size where they
/// are larger than 1 and absolutely where they are smaller:
/// `|a - b| <= tolerance * max(1, |a|, |b|)`. NaN is close to nothing; equal infinities are close.
public func isClose<Scalar: BinaryFloatingPoint>(_ a: Scalar, _ b: Scalar, tolerance: Scalar) -> Bool {
    if a == b { return true }
    guard a.isFinite, b.isFinite else { return false }
    return Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))
}

/// The default tolerance for `expectClose`: the square root of the scalar type's epsilon
/// (about 1.5e-8 for `Double`, 3.5e-4 for `Float`).
public func defaultTolerance<Scalar: TensorScalar>(for _: Scalar.Type) -> Scalar {
    Scalar.ulpOfOne.squareRoot()
}

/// Expects `a` and `b` to have the same shape and elementwise close scalars
/// (see `isClose(_:_:tolerance:)`); a failure names the first few differing indices.
///
///     expectClose(logSoftmax(Tensor<Double>([0, 0])), Tensor([-0.6931471805599453, -0.6931471805599453]))
///
/// - Parameters:
///   - tolerance: Relative above magnitude 1, absolute below; defaults to sqrt(epsilon).
///   - sourceLocation: Where a failure is reported (the caller, by default).
public func expectClose<Scalar: TensorScalar>(
    _ a: Tensor<Scalar>, _ b: Tensor<Scalar>, tolerance: Scalar? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard a.shape == b.shape else {
        Issue.record("shapes differ: \(a.shape) vs \(b.shape)", sourceLocation: sourceLocation)
        return
    }
    let tolerance = tolerance ?? defaultTolerance(for: Scalar.self)
    let (x, y) = (a.scalars, b.scalars)
    let bad = x.indices.filter { !isClose(x[$0], y[$0], tolerance: tolerance) }
    guard !bad.isEmpty else { return }
    let lines = bad.prefix(5).map { i in
        "at \(multiIndex(i, shape: a.shape)): \(x[i]) vs \(y[i]) (difference \(Swift.abs(x[i] - y[i])))"
    }
    let more = bad.count > 5 ? "\n  ... and \(bad.count - 5) more" : ""
    let message =
        "\(bad.count) of \(x.count) elements differ by more than \(tolerance):\n  "
        + lines.joined(separator: "\n  ") + more
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}

/// Expects `a` to be elementwise close to the row-major `scalars` and to have `a`'s shape
/// (a shorthand for comparing with hand-computed values).
public func expectClose<Scalar: TensorScalar>(
    _ a: Tensor<Scalar>, _ scalars: [Scalar], tolerance: Scalar? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard a.count == scalars.count else {
        Issue.record(
            "\(a.count) scalars (shape \(a.shape)) vs \(scalars.count) expected", sourceLocation: sourceLocation)
        return
    }
    expectClose(a, Tensor(shape: a.shape, scalars: scalars), tolerance: tolerance, sourceLocation: sourceLocation)
}

/// Expects two scalars to be close (see `isClose(_:_:tolerance:)`).
public func expectClose<Scalar: TensorScalar>(
    _ a: Scalar, _ b: Scalar, tolerance: Scalar? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    let tolerance = tolerance ?? defaultTolerance(for: Scalar.self)
    if !isClose(a, b, tolerance: tolerance) {
        Issue.record(
            "\(a) vs \(b) (difference \(Swift.abs(a - b)), tolerance \(tolerance))", sourceLocation: sourceLocation)
    }
}

/// The multi-index of row-major position `flat` in `shape`, such as `[1, 2]`.
public func multiIndex(_ flat: Int, shape: [Int]) -> [Int] {
    var rest = flat
    var index = [Int](repeating: 0, count: shape.count)
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return index
}

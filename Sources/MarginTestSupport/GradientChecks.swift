// Derivatives checked against an independent truth: central finite differences in Double.

import Tensors
import Testing

/// The step of the central differences for first derivatives (scaled by max(1, |x_i|)).
let gradientStep = 1e-6
/// The step of the central differences of the gradient for Hessian-vector products (scaled
/// down by the direction's largest entry).
let hessianStep = 1e-5

/// Expects the gradient of scalar-valued `f` at `x`, as `gradient(at:of:)` computes it, to
/// match central finite differences `(f(x + h e_i) - f(x - h e_i)) / 2h` in every element.
///
/// An element passes when `|analytic - numeric| <= tolerance * max(1, |analytic|, |numeric|)`.
/// A failure lists the multi-index, the analytic and the numeric value of each mismatch.
///
///     expectGradientMatchesFiniteDifferences(of: { tanh($0).sum() }, at: Tensor([0.5, -1.0]))
///
/// - Parameters:
///   - f: The function to differentiate; it must return one scalar.
///   - x: The point (any shape).
///   - tolerance: Relative above magnitude 1, absolute below.
///   - sourceLocation: Where a failure is reported (the caller, by default).
public func expectGradientMatchesFiniteDifferences(
    of f: (Tensor<Double>) -> Tensor<Double>, at x: Tensor<Double>, tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectGradientMatchesFiniteDifferences(
        of: { f($0[0]) }, at: [x], tolerance: tolerance, sourceLocation: sourceLocation)
}

/// Expects the gradients of scalar-valued `f` with respect to each of `inputs`, as
/// `gradients(of:withRespectTo:)` computes them, to match central finite differences.
///
///     expectGradientMatchesFiniteDifferences(of: { matmul($0[0], $0[1]).sum() }, at: [a, b])
///
/// - Parameters:
///   - f: The function to differentiate; it reads its inputs in the order given and must
///     return one scalar.
///   - inputs: The point, one tensor per input.
///   - tolerance: Relative above magnitude 1, absolute below.
///   - sourceLocation: Where a failure is reported (the caller, by default).
public func expectGradientMatchesFiniteDifferences(
    of f: ([Tensor<Double>]) -> Tensor<Double>, at inputs: [Tensor<Double>], tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let inputs = inputs.map { $0.withoutDerivative() }
    guard checkScalarOutput(f(inputs), sourceLocation: sourceLocation) else { return }
    let analytic = analyticGradients(of: f, at: inputs)
    var mismatches: [String] = []
    var checked = 0
    for (k, input) in inputs.enumerated() {
        let values = input.scalars
        let g = analytic[k].scalars
        guard analytic[k].shape == input.shape else {
            Issue.record(
                "the gradient of input \(k) has shape \(analytic[k].shape), the input \(input.shape)",
                sourceLocation: sourceLocation)
            return
        }
        for i in values.indices {
            let step = gradientStep * Swift.max(1, Swift.abs(values[i]))
            let (plus, minus) = (values[i] + step, values[i] - step)
            var shifted = inputs
            shifted[k] = Tensor(shape: input.shape, scalars: replacing(values, at: i, with: plus))
            let high = f(shifted).scalars[0]
            shifted[k] = Tensor(shape: input.shape, scalars: replacing(values, at: i, with: minus))
            let low = f(shifted).scalars[0]
            let numeric = (high - low) / (plus - minus)
            checked += 1
            if !isClose(g[i], numeric, tolerance: tolerance) {
                mismatches.append(mismatchLine(input: k, of: inputs.count, at: i, shape: input.shape, analytic: g[i], numeric: numeric))
            }
        }
    }
    report(mismatches, of: checked, what: "gradient", tolerance: tolerance, sourceLocation: sourceLocation)
}

/// Expects the Hessian-vector product of scalar-valued `f` at `x` along `direction`, computed
/// by differentiating the recorded gradient (`gradients(of:withRespectTo:graph: .recorded)`,
/// then the gradient of `(g * direction).sum()`), to match central differences of the gradient
/// `(∇f(x + h v) - ∇f(x - h v)) / 2h`.
///
///     expectHessianVectorProductMatchesFiniteDifferences(
///         of: { exp($0).sum() }, at: Tensor([0.1, 0.2]), direction: Tensor([1.0, -1.0]))
///
/// - Parameters:
///   - f: The function; it must return one scalar.
///   - x: The point.
///   - direction: The vector v of H v, shaped like `x`.
///   - tolerance: Relative above magnitude 1, absolute below.
///   - sourceLocation: Where a failure is reported (the caller, by default).
public func expectHessianVectorProductMatchesFiniteDifferences(
    of f: (Tensor<Double>) -> Tensor<Double>, at x: Tensor<Double>, direction: Tensor<Double>,
    tolerance: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation
) {
    expectHessianVectorProductMatchesFiniteDifferences(
        of: { f($0[0]) }, at: [x], direction: [direction], tolerance: tolerance, sourceLocation: sourceLocation)
}

/// The several-input form of the Hessian-vector product check: the direction has one tensor
/// per input, and the product is taken with respect to all inputs together.
public func expectHessianVectorProductMatchesFiniteDifferences(
    of f: ([Tensor<Double>]) -> Tensor<Double>, at inputs: [Tensor<Double>], direction: [Tensor<Double>],
    tolerance: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation
) {
    let inputs = inputs.map { $0.withoutDerivative() }
    guard direction.map(\.shape) == inputs.map(\.shape) else {
        Issue.record(
            "direction shapes \(direction.map(\.shape)) do not match input shapes \(inputs.map(\.shape))",
            sourceLocation: sourceLocation)
        return
    }
    guard checkScalarOutput(f(inputs), sourceLocation: sourceLocation) else { return }

    // Analytic: differentiate the recorded gradient's inner product with the direction.
    let leaves = inputs.map { $0.requiringGradient() }
    let firstOrder = gradients(of: f(leaves), withRespectTo: leaves, graph: .recorded)
    var inner = Tensor<Double>(0)
    for (g, v) in zip(firstOrder, direction) { inner = inner + (g * v).sum() }
    let analytic = gradients(of: inner, withRespectTo: leaves)

    // Numeric: central differences of the gradient along the direction.
    let largest = direction.flatMap(\.scalars).map { Swift.abs($0) }.max() ?? 1
    let step = hessianStep / Swift.max(1, largest)
    let plus = zip(inputs, direction).map { $0 + $1 * step }
    let minus = zip(inputs, direction).map { $0 - $1 * step }
    let (high, low) = (analyticGradients(of: f, at: plus), analyticGradients(of: f, at: minus))

    var mismatches: [String] = []
    var checked = 0
    for k in inputs.indices {
        let a = analytic[k].scalars
        let (h, l) = (high[k].scalars, low[k].scalars)
        for i in a.indices {
            let numeric = (h[i] - l[i]) / (2 * step)
            checked += 1
            if !isClose(a[i], numeric, tolerance: tolerance) {
                mismatches.append(mismatchLine(input: k, of: inputs.count, at: i, shape: inputs[k].shape, analytic: a[i], numeric: numeric))
            }
        }
    }
    report(
        mismatches, of: checked, what: "Hessian-vector product", tolerance: tolerance, sourceLocation: sourceLocation)
}

/// The gradients of `f` at `inputs` with respect to every input (first order, discarded graph).
private func analyticGradients(
    of f: ([Tensor<Double>]) -> Tensor<Double>, at inputs: [Tensor<Double>]
) -> [Tensor<Double>] {
    let leaves = inputs.map { $0.withoutDerivative().requiringGradient() }
    return gradients(of: f(leaves), withRespectTo: leaves)
}

private func checkScalarOutput(_ value: Tensor<Double>, sourceLocation: SourceLocation) -> Bool {
    guard value.count == 1 else {
        Issue.record(
            "the function to differentiate must return one scalar, got shape \(value.shape)",
            sourceLocation: sourceLocation)
        return false
    }
    return true
}

private func replacing(_ values: [Double], at index: Int, with value: Double) -> [Double] {
    var copy = values
    copy[index] = value
    return copy
}

private func report(
    _ mismatches: [String], of checked: Int, what: String, tolerance: Double, sourceLocation: SourceLocation
) {
    guard !mismatches.isEmpty else { return }
    let shown = mismatches.prefix(8).joined(separator: "\n  ")
    let more = mismatches.count > 8 ? "\n  ... and \(mismatches.count - 8) more" : ""
    let message =
        "\(what) differs from finite differences in \(mismatches.count) of \(checked) elements "
        + "(tolerance \(tolerance)):\n  \(shown)\(more)"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}

/// One line of a failure report: where the analytic and numeric values differ, and by how much.
private func mismatchLine(input k: Int, of inputCount: Int, at i: Int, shape: [Int], analytic: Double, numeric: Double) -> String {
    let label = inputCount > 1 ? "input \(k) " : ""
    return "\(label)at \(multiIndex(i, shape: shape)): analytic \(analytic), numeric \(numeric) "
        + "(difference \(Swift.abs(analytic - numeric)))"
}

/// Whether a computed gradient can itself be differentiated.
public enum GradientGraph: Sendable {
    /// The gradient is a constant (cheapest; the usual first-order training step).
    case discarded
    /// The backward pass is recorded, so the gradient can be differentiated again
    /// (Hessian-vector products; the exact, second-order large-margin loss).
    case recorded
}

/// The gradients of `output` with respect to each of `inputs` (vector-Jacobian products).
///
/// `output` is usually a scalar; otherwise `seed` (the cotangent, same shape as `output`)
/// says how to weigh its elements, and defaults to ones. An input that `output` does not
/// depend on gets zeros.
///
///     let x = Tensor<Double>([1, 2, 3]).requiringGradient()
///     let g = gradients(of: (x * x).sum(), withRespectTo: [x])[0]   // [2, 4, 6]
///
/// - Parameters:
///   - output: The value to differentiate.
///   - inputs: Tensors made with `requiringGradient()`, or intermediate values of the computation.
///   - seed: The cotangent of `output`.
///   - graph: `.recorded` to get gradients that can be differentiated again.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func gradients<Scalar>(
    of output: Tensor<Scalar>, withRespectTo inputs: [Tensor<Scalar>], seed: Tensor<Scalar>? = nil,
    graph: GradientGraph = .discarded
) -> [Tensor<Scalar>] {
    for (index, input) in inputs.enumerated() where input.node == nil {
        fail(.invalid("input \(index) of gradients(of:withRespectTo:) is not differentiable: make it with requiringGradient() before computing with it"))
    }
    if let seed, seed.shape != output.shape {
        fail(.mismatch(operation: "the seed of gradients(of:withRespectTo:seed:)", lhs: seed.shape, rhs: output.shape))
    }
    guard let root = output.node else {
        return inputs.map { Tensor(zeros: $0.shape) }
    }
    let found = GradientRecording.with(graph == .recorded) {
        backpropagate(from: root, seed: seed ?? Tensor(ones: output.shape), to: inputs.map { $0.node! })
    }
    return zip(inputs, found).map { input, gradient in gradient ?? Tensor(zeros: input.shape) }
}

/// Carries `seed` back from `root` through every node that leads to one of `targets`, and
/// returns each target's gradient (nil where the root does not depend on it).
private func backpropagate<Scalar>(
    from root: GradientNode<Scalar>, seed: Tensor<Scalar>, to targets: [GradientNode<Scalar>]
) -> [Tensor<Scalar>?] {
    let pass = GradientRecording.nextSequence()
    func enter(_ node: GradientNode<Scalar>) {
        node.pass = pass
        node.leadsToTarget = false
        node.isTarget = false
        node.gathered = nil
    }
    // Every node reachable from the root; sorted by creation, a topological order.
    enter(root)
    var reachable = [root]
    var next = 0
    while next < reachable.count {
        for case let input? in reachable[next].inputs where input.pass != pass {
            enter(input)
            reachable.append(input)
        }
        next += 1
    }
    reachable.sort { $0.sequence < $1.sequence }
    for target in targets where target.pass == pass { target.isTarget = true }
    // Only nodes from which a target can be reached need a gradient.
    for node in reachable {
        node.leadsToTarget = node.isTarget || node.inputs.contains { $0?.leadsToTarget ?? false }
    }
    root.gathered = seed
    for node in reachable.reversed() {
        guard node.leadsToTarget, let upstream = node.gathered, let pullback = node.pullback else { continue }
        if !node.isTarget { node.gathered = nil }
        for (input, inputGradient) in zip(node.inputs, pullback(upstream)) {
            guard let input, let inputGradient, input.leadsToTarget else { continue }
            input.gathered = input.gathered.map { $0 + inputGradient } ?? inputGradient
        }
    }
    let result = targets.map { $0.pass == pass ? $0.gathered : nil }
    for node in reachable { node.gathered = nil }
    return result
}

/// The value of `f` at `x` and its gradient with respect to `x` (`f` must return a scalar).
///
///     let (value, gradient) = valueWithGradient(at: Tensor<Double>([3])) { x in (x * x).sum() }
///     // value 9, gradient [6]
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func valueWithGradient<Scalar>(
    at x: Tensor<Scalar>, of f: (Tensor<Scalar>) -> Tensor<Scalar>
) -> (value: Tensor<Scalar>, gradient: Tensor<Scalar>) {
    let leaf = x.requiringGradient()
    // Recording is switched on for f even inside withoutGradientRecording: asking for a
    // gradient means asking for the record.
    let value = GradientRecording.with(true) { f(leaf) }
    guard value.count == 1 else {
        fail(.invalid("valueWithGradient needs a function that returns one scalar, got shape \(value.shape)"))
    }
    return (value.withoutDerivative(), gradients(of: value, withRespectTo: [leaf])[0])
}

/// The gradient of scalar-valued `f` at `x`.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func gradient<Scalar>(at x: Tensor<Scalar>, of f: (Tensor<Scalar>) -> Tensor<Scalar>) -> Tensor<Scalar> {
    valueWithGradient(at: x, of: f).gradient
}

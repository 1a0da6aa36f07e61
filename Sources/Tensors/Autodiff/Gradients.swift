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
    let targets = Set(inputs.map { ObjectIdentifier($0.node!) })
    let found = GradientRecording.with(graph == .recorded) {
        backpropagate(from: root, seed: seed ?? Tensor(ones: output.shape), to: targets)
    }
    return inputs.map { found[ObjectIdentifier($0.node!)] ?? Tensor(zeros: $0.shape) }
}

/// Carries `seed` back from `root` through every node that leads to a node in `targets`.
private func backpropagate<Scalar>(
    from root: GradientNode<Scalar>, seed: Tensor<Scalar>, to targets: Set<ObjectIdentifier>
) -> [ObjectIdentifier: Tensor<Scalar>] {
    // Every node reachable from the root, in creation (topological) order.
    var reachable: [GradientNode<Scalar>] = []
    var seen: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
    var stack = [root]
    while let node = stack.popLast() {
        reachable.append(node)
        for case let input? in node.inputs where seen.insert(ObjectIdentifier(input)).inserted {
            stack.append(input)
        }
    }
    reachable.sort { $0.sequence < $1.sequence }
    // Only nodes from which a target can be reached need a gradient.
    var leadsToTarget: Set<ObjectIdentifier> = []
    for node in reachable {
        let id = ObjectIdentifier(node)
        if targets.contains(id) || node.inputs.contains(where: { $0.map { leadsToTarget.contains(ObjectIdentifier($0)) } ?? false }) {
            leadsToTarget.insert(id)
        }
    }
    var gradient: [ObjectIdentifier: Tensor<Scalar>] = [ObjectIdentifier(root): seed]
    for node in reachable.reversed() {
        let id = ObjectIdentifier(node)
        guard leadsToTarget.contains(id), let upstream = gradient[id], let pullback = node.pullback else { continue }
        if !targets.contains(id) { gradient[id] = nil }
        let inputGradients = pullback(upstream)
        for (input, inputGradient) in zip(node.inputs, inputGradients) {
            guard let input, let inputGradient, leadsToTarget.contains(ObjectIdentifier(input)) else { continue }
            let inputID = ObjectIdentifier(input)
            if let existing = gradient[inputID] {
                gradient[inputID] = existing + inputGradient
            } else {
                gradient[inputID] = inputGradient
            }
        }
    }
    return gradient
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
    let value = f(leaf)
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

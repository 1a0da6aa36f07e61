import Tensors

/// Updates a model's parameters from a gradient shaped like the model.
///
///     var optimizer = Adam<Float>(learningRate: 1e-3)
///     optimizer.update(&model, along: gradient)
public protocol Optimizer<Scalar> {
    associatedtype Scalar: TensorScalar
    /// The step size used by the next update (schedules set it).
    var learningRate: Double { get set }
    /// One step: moves every parameter of `model` using the matching parameter of `gradient`.
    mutating func update<Model: Layer>(_ model: inout Model, along gradient: Model) where Model.Scalar == Scalar
}

/// Per-parameter state of an optimizer (moments, velocities), created on the first update
/// and checked on every later one. Each parameter gets `perParameter` arrays of its size,
/// stored one after another in one array.
struct OptimizerSlots<Scalar: TensorScalar> {
    private var slots: [[Scalar]] = []
    let perParameter: Int

    init(perParameter: Int) { self.perParameter = perParameter }

    /// Runs `body` for each (parameter, gradient, state arrays) triple, in place. A large
    /// parameter goes in consecutive slices, the slices in parallel across cores (`CoreSplit`):
    /// the updates are elementwise, so the result is the same.
    mutating func forEach<Model: Layer>(
        _ model: inout Model, _ gradient: Model, optimizer: String,
        _ body: (UnsafeMutableBufferPointer<Scalar>, UnsafeBufferPointer<Scalar>, [UnsafeMutablePointer<Scalar>]) -> Void
    ) where Model.Scalar == Scalar {
        let gradients = gradient.parameters
        let firstUpdate = slots.isEmpty
        if !firstUpdate && slots.count != gradients.count {
            fatalError("\(optimizer) was used with a model of \(slots.count) parameters, now with one of \(gradients.count): use a new optimizer for a new model")
        }
        var index = 0
        let perParameter = perParameter
        model.forEachParameter { parameter in
            guard index < gradients.count, gradients[index].shape == parameter.shape else {
                fatalError("\(optimizer): the gradient does not match the model at parameter \(index)")
            }
            let n = parameter.count
            if firstUpdate {
                slots.append([Scalar](repeating: 0, count: n * perParameter))
            } else if slots[index].count != n * perParameter {
                fatalError("\(optimizer): parameter \(index) changed size since the last update")
            }
            parameter.withUnsafeMutableBufferPointer { p in
                gradients[index].withUnsafeBufferPointer { g in
                    slots[index].withUnsafeMutableBufferPointer { state in
                        CoreSplit.forEachPart(count: n, elementsPerItem: 1) { _, slice in
                            body(UnsafeMutableBufferPointer(rebasing: p[slice]), UnsafeBufferPointer(rebasing: g[slice]),
                                 (0..<perParameter).map { state.baseAddress! + $0 * n + slice.lowerBound })
                        }
                    }
                }
            }
            index += 1
        }
        guard index == gradients.count else {
            fatalError("\(optimizer): the gradient has \(gradients.count) parameters, the model \(index)")
        }
    }
}

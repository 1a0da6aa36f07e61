import Tensors

/// Stochastic gradient descent with optional momentum (heavy ball or Nesterov) and L2
/// weight decay (added to the gradient).
///
///     v = momentum * v + (g + weightDecay * w)
///     w -= learningRate * v                         (heavy ball)
///     w -= learningRate * (g' + momentum * v)       (Nesterov, Sutskever et al. 2013 form)
public struct SGD<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Double
    public var momentum: Double
    public var nesterov: Bool
    public var weightDecay: Double
    private var velocity = OptimizerSlots<Scalar>(perParameter: 1)

    public init(learningRate: Double, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0) {
        guard learningRate >= 0 && momentum >= 0 && weightDecay >= 0 else {
            fatalError("SGD needs non-negative learningRate, momentum and weightDecay")
        }
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public mutating func update<Model: Layer>(_ model: inout Model, along gradient: Model) where Model.Scalar == Scalar {
        let lr = Scalar(learningRate), mu = Scalar(momentum), decay = Scalar(weightDecay), nesterov = nesterov
        velocity.forEach(&model, gradient, optimizer: "SGD") { w, g, state in
            Self.step(w.baseAddress!, g.baseAddress!, state[0], count: w.count, lr: lr, mu: mu, decay: decay, nesterov: nesterov)
        }
    }

    /// The update rule on one parameter (specialised, so the loop runs at full speed).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func step(
        _ w: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ v: UnsafeMutablePointer<Scalar>, count: Int,
        lr: Scalar, mu: Scalar, decay: Scalar, nesterov: Bool
    ) {
        for i in 0..<count {
            let gi = g[i] + decay * w[i]
            v[i] = mu * v[i] + gi
            w[i] -= lr * (nesterov ? gi + mu * v[i] : v[i])
        }
    }
}

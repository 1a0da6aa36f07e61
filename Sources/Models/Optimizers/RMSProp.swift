import Tensors

/// RMSProp in TensorFlow's form (the paper's reference code uses it, with epsilon 1e-2):
///
///     ms  = decay * ms + (1 - decay) * g^2
///     mom = momentum * mom + learningRate * g / sqrt(ms + epsilon)
///     w  -= mom
///
/// `g` includes L2 weight decay (`weightDecay * w`) when it is set.
public struct RMSProp<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Double
    public var decay: Double
    public var momentum: Double
    public var epsilon: Double
    public var weightDecay: Double
    private var slots = OptimizerSlots<Scalar>(perParameter: 2)

    public init(learningRate: Double = 1e-3, decay: Double = 0.9, momentum: Double = 0, epsilon: Double = 1e-10, weightDecay: Double = 0) {
        guard learningRate >= 0 && (0..<1).contains(decay) && momentum >= 0 && epsilon > 0 && weightDecay >= 0 else {
            fatalError("RMSProp needs learningRate >= 0, decay in [0, 1), momentum >= 0, epsilon > 0, weightDecay >= 0")
        }
        self.learningRate = learningRate
        self.decay = decay
        self.momentum = momentum
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public mutating func update<Model: Layer>(_ model: inout Model, along gradient: Model) where Model.Scalar == Scalar {
        let lr = Scalar(learningRate), rho = Scalar(decay), mu = Scalar(momentum), eps = Scalar(epsilon)
        let wd = Scalar(weightDecay)
        slots.forEach(&model, gradient, optimizer: "RMSProp") { w, g, state in
            Self.step(w.baseAddress!, g.baseAddress!, state[0], state[1], count: w.count, lr: lr, rho: rho, mu: mu, eps: eps, wd: wd)
        }
    }

    /// The update rule on one parameter (specialised, so the loop runs at full speed).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func step(
        _ w: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ ms: UnsafeMutablePointer<Scalar>,
        _ mom: UnsafeMutablePointer<Scalar>, count: Int, lr: Scalar, rho: Scalar, mu: Scalar, eps: Scalar, wd: Scalar
    ) {
        for i in 0..<count {
            let gi = g[i] + wd * w[i]
            ms[i] = rho * ms[i] + (1 - rho) * gi * gi
            mom[i] = mu * mom[i] + lr * gi / (ms[i] + eps).squareRoot()
            w[i] -= mom[i]
        }
    }
}

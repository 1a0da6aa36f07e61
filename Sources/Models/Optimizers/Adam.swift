import Tensors

/// Adam (Kingma and Ba 2015) with bias correction; `weightDecay` adds L2 decay to the gradient.
///
///     m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
///     w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + epsilon)
public struct Adam<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: Double
    public private(set) var step = 0
    private var slots = OptimizerSlots<Scalar>(perParameter: 2)

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0) {
        guard learningRate >= 0 && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon > 0 && weightDecay >= 0 else {
            fatalError("Adam needs learningRate >= 0, beta1 and beta2 in [0, 1), epsilon > 0, weightDecay >= 0")
        }
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public mutating func update<Model: Layer>(_ model: inout Model, along gradient: Model) where Model.Scalar == Scalar {
        step += 1
        let b1 = Scalar(beta1), b2 = Scalar(beta2), eps = Scalar(epsilon), wd = Scalar(weightDecay)
        let lr = Scalar(learningRate)
        let correction1 = 1 - Scalar.pow(b1, step), correction2 = 1 - Scalar.pow(b2, step)
        slots.forEach(&model, gradient, optimizer: "Adam") { w, g, state in
            Self.step(
                w.baseAddress!, g.baseAddress!, state[0], state[1], count: w.count, lr: lr, b1: b1, b2: b2, eps: eps, wd: wd,
                correction1: correction1, correction2: correction2)
        }
    }

    /// The update rule on one parameter (specialised, so the loop runs at full speed).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func step(
        _ w: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ m: UnsafeMutablePointer<Scalar>,
        _ v: UnsafeMutablePointer<Scalar>, count: Int, lr: Scalar, b1: Scalar, b2: Scalar, eps: Scalar, wd: Scalar,
        correction1: Scalar, correction2: Scalar
    ) {
        for i in 0..<count {
            let gi = g[i] + wd * w[i]
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * gi * gi
            w[i] -= lr * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + eps)
        }
    }
}

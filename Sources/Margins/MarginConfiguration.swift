import Tensors

/// The settings of the large-margin loss (Elsayed et al. 2018), with the paper's defaults.
///
///     let configuration = MarginConfiguration(gamma: 1, norm: .l2, aggregation: .max, gradient: .exact)
public struct MarginConfiguration: Sendable, Equatable {
    /// Which formula: the paper's eq. (10) on logits, or the released reference code's
    /// variant on softmax probabilities.
    public enum Form: Sendable, Equatable {
        /// Eq. (10): sum over layers of mean over the batch of A_i max(0, gamma_l + d_i,l),
        /// d_i,l = (f_i - f_y) / (epsilon + ||grad_h (f_i - f_y)||_q).
        case paper
        /// The reference: d_k = (p_y - p_k) / (||grad_h (p_y - p_k)||_q / w_l + epsilon) over
        /// the top-k other probabilities, d = min_k d_k, loss_l = max(0, gamma - max(d,
        /// gamma (1 - alpha))) - gamma, mean over batch and layers; w_l is the layer's size
        /// for l_inf and 1 otherwise.
        case reference(alpha: Double)
    }

    /// How the other classes' terms are combined (the paper's A).
    public enum Aggregation: Sendable, Equatable {
        /// The largest term over all other classes.
        case max
        /// The sum over all other classes.
        case sum
        /// The terms of the k other classes with the highest scores, summed (paper form) or
        /// their worst case (reference form).
        case topK(Int)
    }

    /// How the gradient treats the distance's denominator.
    public enum GradientMode: Sendable, Equatable {
        /// The paper's first-order approximation: the gradient norm in the denominator is a
        /// constant with respect to the weights (no second-order work is done).
        case firstOrder
        /// The exact gradient, differentiating through the gradient norm (second order).
        case exact
    }

    /// The margin per layer; one value applies to every layer. Must be positive.
    public var gamma: [Double]
    /// The norm in which distances are measured (the dual norm is applied to gradients).
    public var norm: Norm
    public var aggregation: Aggregation
    public var gradient: GradientMode
    public var form: Form
    /// Added to the denominator so a zero gradient gives a finite distance.
    public var epsilon: Double
    /// Each term max(0, gamma + d) is clipped at this value (paper form), if set.
    public var clip: Double?
    /// The loss is the margin term plus this weight times softmax cross-entropy of the logits
    /// (0: the margin term alone).
    public var crossEntropyWeight: Double

    /// A configuration; defaults follow the paper (l2, max over classes, epsilon 1e-6,
    /// exact gradients — affordable here, and better on the toy problem).
    public init(
        gamma: Double = 1, norm: Norm = .l2, aggregation: Aggregation = .max, gradient: GradientMode = .exact,
        form: Form = .paper, epsilon: Double = 1e-6, clip: Double? = nil, crossEntropyWeight: Double = 0
    ) {
        self.init(
            gammas: [gamma], norm: norm, aggregation: aggregation, gradient: gradient, form: form, epsilon: epsilon, clip: clip,
            crossEntropyWeight: crossEntropyWeight)
    }

    /// A configuration with one margin per layer, in the order the activations are given.
    public init(
        gammas: [Double], norm: Norm = .l2, aggregation: Aggregation = .max, gradient: GradientMode = .exact,
        form: Form = .paper, epsilon: Double = 1e-6, clip: Double? = nil, crossEntropyWeight: Double = 0
    ) {
        self.gamma = gammas
        self.norm = norm
        self.aggregation = aggregation
        self.gradient = gradient
        self.form = form
        self.epsilon = epsilon
        self.clip = clip
        self.crossEntropyWeight = crossEntropyWeight
    }

    /// The released reference's MNIST settings: reference form, gamma 10000, alpha 4, l_inf,
    /// top-1, epsilon 1e-6.
    public static func referenceMNIST(gradient: GradientMode = .firstOrder) -> MarginConfiguration {
        MarginConfiguration(gamma: 10_000, norm: .lInfinity, aggregation: .topK(1), gradient: gradient, form: .reference(alpha: 4))
    }

    /// Checks the settings against `layerCount` layers and `classCount` classes; the text
    /// names what is wrong.
    func validate(layerCount: Int, classCount: Int) -> String? {
        if gamma.isEmpty || (gamma.count != 1 && gamma.count != layerCount) {
            return "the margin loss is measured at \(layerCount) layer(s) but was given \(gamma.count) gammas: give one gamma, or one per layer"
        }
        if let bad = gamma.first(where: { !($0 > 0) }) { return "gamma must be positive, got \(bad)" }
        if norm.p < 1 || norm.p.isNaN { return "the margin's norm needs p >= 1, got p = \(norm.p)" }
        if !(epsilon >= 0) { return "epsilon must be >= 0, got \(epsilon)" }
        if classCount < 2 { return "the margin loss needs at least 2 classes, got \(classCount)" }
        if case .topK(let k) = aggregation, k < 1 || k > classCount - 1 {
            return "top-k needs 1 <= k <= \(classCount - 1) (the other classes), got k = \(k)"
        }
        if case .reference(let alpha) = form, !(alpha > 0) { return "alpha must be positive, got \(alpha)" }
        if let clip, !(clip > 0) { return "the clip threshold must be positive, got \(clip)" }
        if !(crossEntropyWeight >= 0) { return "the cross-entropy weight must be >= 0, got \(crossEntropyWeight)" }
        return nil
    }
}

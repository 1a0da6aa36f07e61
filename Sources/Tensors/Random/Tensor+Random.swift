// Random tensors and the standard initialisations, all from a `SeededGenerator`.

extension Tensor {
    /// Uniform values in `range` (default [0, 1)).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(randomUniform shape: [Int], in range: Range<Scalar> = 0..<1, using generator: inout SeededGenerator) {
        let low = Double(range.lowerBound)
        let width = Double(range.upperBound - range.lowerBound)
        // Rounding to Float can carry a draw just below the upper bound onto it; keep it out.
        let below = Swift.max(range.upperBound.nextDown, range.lowerBound)
        self.init(shape: shape) { out in
            for i in 0..<shape.reduce(1, *) { out[i] = Swift.min(Scalar(low + width * generator.nextUnitDouble()), below) }
        }
    }

    /// Normally distributed values.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(
        randomNormal shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1, using generator: inout SeededGenerator
    ) {
        self.init(shape: shape) { out in
            for i in 0..<shape.reduce(1, *) {
                out[i] = mean + standardDeviation * Scalar(generator.nextNormal())
            }
        }
    }

    /// 1 with probability `probability`, else 0.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(bernoulli shape: [Int], probability: Double, using generator: inout SeededGenerator) {
        guard (0...1).contains(probability) else { fail(.invalid("a Bernoulli probability must be in [0, 1], got \(probability)")) }
        self.init(shape: shape) { out in
            for i in 0..<shape.reduce(1, *) { out[i] = generator.nextUnitDouble() < probability ? 1 : 0 }
        }
    }

    /// Glorot (Xavier) uniform initialisation of a [fanIn, fanOut] weight: U(-l, l) with
    /// l = sqrt(6 / (fanIn + fanOut)) (Glorot and Bengio 2010).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(glorotUniform shape: [Int], using generator: inout SeededGenerator) {
        let (fanIn, fanOut) = Tensor.fans(of: shape)
        self.init(glorotUniform: shape, fanIn: fanIn, fanOut: fanOut, using: &generator)
    }

    /// Glorot uniform initialisation with the fans given (for layouts `fans(of:)` does not
    /// know, such as convolution filters [out, in, h, w]).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(glorotUniform shape: [Int], fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) {
        let limit = Scalar((6 / Double(fanIn + fanOut)).squareRoot())
        self.init(randomUniform: shape, in: -limit..<limit, using: &generator)
    }

    /// He (Kaiming) normal initialisation: N(0, 2 / fanIn) (He et al. 2015), for ReLU networks.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(heNormal shape: [Int], using generator: inout SeededGenerator) {
        self.init(heNormal: shape, fanIn: Tensor.fans(of: shape).0, using: &generator)
    }

    /// He normal initialisation with the fan in given (for layouts `fans(of:)` does not know).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(heNormal shape: [Int], fanIn: Int, using generator: inout SeededGenerator) {
        self.init(randomNormal: shape, standardDeviation: Scalar((2 / Double(fanIn)).squareRoot()), using: &generator)
    }

    /// (fan in, fan out) of a weight shape: [in, out] for dense layers; for kernels laid out
    /// [h, w, in, out] the receptive field multiplies both (`Conv2D`'s [out, in, h, w] filters
    /// pass their fans explicitly).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func fans(of shape: [Int]) -> (Int, Int) {
        guard shape.count >= 2 else { return (Swift.max(shape.first ?? 1, 1), Swift.max(shape.first ?? 1, 1)) }
        let receptive = shape.dropLast(2).reduce(1, *)
        return (Swift.max(shape[shape.count - 2] * receptive, 1), Swift.max(shape[shape.count - 1] * receptive, 1))
    }
}

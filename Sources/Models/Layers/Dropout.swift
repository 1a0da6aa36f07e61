import Tensors

/// Inverted dropout: in training, zeroes each element with probability `probability` and
/// scales the rest by 1 / (1 - probability); in inference, the identity.
///
/// The mask comes from the layer's own seeded generator, so runs are reproducible.
public struct Dropout<Scalar: TensorScalar>: ParameterlessLayer {
    public let probability: Double
    private let generator: GeneratorBox

    /// A dropout layer; `seed` fixes its sequence of masks.
    public init(probability: Double, seed: UInt64 = 0) {
        guard probability >= 0, probability < 1 else {
            fatalError("Dropout needs a probability in [0, 1), got \(probability)")
        }
        self.probability = probability
        generator = GeneratorBox(SeededGenerator(seed: seed))
    }

    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        guard LearningPhase.current == .training, probability > 0 else { return input }
        let keep = Tensor<Scalar>(bernoulli: input.shape, probability: 1 - probability, using: &generator.value)
        return input * (keep / Scalar(1 - probability))
    }
}

/// A generator shared by copies of a layer (calling a layer does not mutate it).
final class GeneratorBox {
    var value: SeededGenerator
    init(_ value: SeededGenerator) { self.value = value }
}

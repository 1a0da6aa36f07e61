import Models
import Tensors

/// Whether `model` (in inference mode) classifies each row of `inputs` as `labels` says.
func correctlyClassified(by model: Sequential<Float>, inputs: Tensor<Float>, labels: [Int]) -> [Bool] {
    let predicted = withoutGradientRecording { withLearningPhase(.inference) { model(inputs).argmax(alongAxis: 1) } }
    return zip(predicted, labels).map { $0 == $1 }
}

/// The share of `true` in `flags` (0 for none).
func shareCorrect(_ flags: [Bool]) -> Double {
    Double(flags.filter { $0 }.count) / Double(max(1, flags.count))
}

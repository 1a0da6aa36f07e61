import Foundation
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("TrainingWatch")
struct TrainingWatchTests {
    @Test("a watch looks every few steps and after the last step, at the model as it is then")
    func looks() {
        var g = SeededGenerator(seed: 3)
        let x = Tensor<Float>(randomNormal: [32, 2], using: &g)
        let y = (0..<32).map { $0 % 2 }
        var model = Sequential<Float>([Dense<Float>(inputSize: 2, outputSize: 2, using: &g)])
        var optimizer = SGD<Float>(learningRate: 0.1)
        var seen: [(step: Int, parameters: [Float])] = []
        let watch = TrainingWatch<Sequential<Float>>(every: 3) { model, step in
            seen.append((step, model.parameters.flatMap(\.scalars)))
        }
        train(&model, optimizer: &optimizer, inputs: x, labels: y, options: TrainingOptions(steps: 10, batchSize: 8), watch: watch)
        #expect(seen.map(\.step) == [3, 6, 9, 10])
        #expect(seen.last?.parameters == model.parameters.flatMap(\.scalars))
        #expect(seen[0].parameters != seen[1].parameters)  // the model it saw was training
    }
}

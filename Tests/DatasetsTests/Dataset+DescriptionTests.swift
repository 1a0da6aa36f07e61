import Tensors
import Testing

@testable import Datasets

@Suite("Dataset description")
struct DatasetDescriptionTests {
    @Test("a dataset prints its scalar type, size, sample shape and class counts")
    func summary() throws {
        let data = try Dataset(inputs: Tensor<Float>(zeros: [3, 2]), labels: [0, 1, 1], classCount: 3)
        #expect(data.description == "Dataset<Float32>: 3 samples of shape [2], 3 classes with counts [1, 2, 0]")
        #expect("\(data.converted(to: Double.self))".hasPrefix("Dataset<Float64>: 3 samples"))
    }
}

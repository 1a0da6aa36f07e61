import Tensors
import Testing

@testable import Datasets

/// Sample i has inputs [i, 10 i] and label i % classCount, so a row tells which sample it is.
private func indexed(_ count: Int, classCount: Int = 3) throws -> Dataset<Float> {
    try Dataset(
        inputs: Tensor(shape: [count, 2], scalars: (0..<count).flatMap { [Float($0), Float(10 * $0)] }),
        labels: (0..<count).map { $0 % classCount }, classCount: classCount)
}

@Suite("Dataset")
struct DatasetTests {
    @Test("a valid dataset keeps its inputs, labels and class count")
    func valid() throws {
        let inputs = Tensor<Float>([[0, 1], [2, 3], [4, 5]])
        let data = try Dataset(inputs: inputs, labels: [1, 0, 1], classCount: 2)
        #expect(data.count == 3)
        #expect(data.inputs == inputs)
        #expect(data.labels == [1, 0, 1])
        #expect(data.classCount == 2)
        #expect(data.sampleShape == [2])
        #expect(!data.isEmpty)
    }

    @Test("class counts are the number of labels of each class, empty classes included")
    func classCounts() throws {
        let data = try Dataset(inputs: Tensor<Float>([1, 2, 3, 4, 5]), labels: [0, 3, 3, 1, 3], classCount: 5)
        #expect(data.classCounts == [1, 1, 0, 3, 0])
    }

    @Test("rank-1 inputs are one feature per sample; image-shaped inputs keep their sample shape")
    func shapes() throws {
        let vector = try Dataset(inputs: Tensor<Float>([1, 2]), labels: [0, 1], classCount: 2)
        #expect(vector.sampleShape == [])
        let images = try Dataset(inputs: Tensor<Float>(zeros: [4, 28, 28]), labels: [0, 1, 2, 3], classCount: 10)
        #expect(images.sampleShape == [28, 28])
    }

    @Test("an empty dataset is rejected unless asked for")
    func empty() throws {
        let nothing = Tensor<Float>(zeros: [0, 2])
        #expect(throws: DatasetError.noSamples) { try Dataset(inputs: nothing, labels: [], classCount: 2) }
        let allowed = try Dataset(inputs: nothing, labels: [], classCount: 2, ifEmpty: .allow)
        #expect(allowed.isEmpty)
        #expect(allowed.classCounts == [0, 0])
    }

    @Test("one label per sample is required")
    func labelCount() {
        let error = #expect(throws: DatasetError.self) {
            try Dataset(inputs: Tensor<Float>([[0, 1], [2, 3]]), labels: [0], classCount: 2)
        }
        #expect(error == .labelCountMismatch(labels: 1, samples: 2))
        #expect(error?.description == "Dataset: 1 labels for 2 samples; labels.count must equal inputs.shape[0]")
    }

    @Test("labels outside 0..<classCount are rejected, naming the first one", arguments: [-1, 2, 7])
    func labelRange(bad: Int) {
        let error = #expect(throws: DatasetError.self) {
            try Dataset(inputs: Tensor<Float>([1, 2, 3]), labels: [0, bad, 1], classCount: 2)
        }
        #expect(error?.description == "Dataset: label \(bad) at index 1 is outside 0..<2")
    }

    @Test("NaN or infinite inputs are rejected, naming the sample")
    func nonFinite() {
        let nan = #expect(throws: DatasetError.self) {
            try Dataset(inputs: Tensor<Float>([[0, 1], [2, 3], [4, .nan]]), labels: [0, 1, 0], classCount: 2)
        }
        #expect(nan?.description == "Dataset: inputs must be finite, but sample 2 holds nan")
        let inf = #expect(throws: DatasetError.self) {
            try Dataset(inputs: Tensor<Double>([[0, .infinity], [2, 3]]), labels: [0, 1], classCount: 2)
        }
        #expect(inf?.description == "Dataset: inputs must be finite, but sample 0 holds inf")
    }

    @Test("a scalar tensor is not a dataset, and a class count must be positive")
    func shapeAndClassCount() {
        #expect(throws: DatasetError.inputShape([])) {
            try Dataset(inputs: Tensor<Float>(1), labels: [], classCount: 2, ifEmpty: .allow)
        }
        #expect(throws: DatasetError.classCount(0)) {
            try Dataset(inputs: Tensor<Float>([1]), labels: [0], classCount: 0)
        }
    }

    @Test("subset gathers the requested samples in order, repeats included")
    func subset() throws {
        let data = try indexed(6)
        let part = data.subset([4, 1, 4])
        #expect(part.inputs == Tensor<Float>([[4, 40], [1, 10], [4, 40]]))
        #expect(part.labels == [1, 1, 1])
        #expect(part.classCount == 3)
        let none = data.subset([])
        #expect(none.isEmpty && none.inputs.shape == [0, 2])
    }

    @Test("subset stops with a clear message for an index out of range")
    func subsetOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let data = try Dataset(inputs: Tensor<Float>([1, 2, 3]), labels: [0, 1, 0], classCount: 2)
            _ = data.subset([0, 5])
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("subset: index 5 is outside 0..<3"))
    }

    @Test("conversion to Double keeps every value, label and the class count")
    func converted() throws {
        let data = try Dataset(inputs: Tensor<Float>([[0.1, -2.5], [3, 1e-3]]), labels: [1, 0], classCount: 4)
        let wide = data.converted(to: Double.self)
        #expect(wide.inputs.scalars == data.inputs.scalars.map(Double.init))
        #expect(wide.labels == [1, 0] && wide.classCount == 4)
        #expect(wide.converted(to: Float.self) == data)
    }

    @Test("datasets are equal when inputs, labels and class count are")
    func equality() throws {
        let a = try indexed(4)
        #expect(a == (try indexed(4)))
        #expect(a != (try indexed(4, classCount: 4)))
        #expect(a != a.subset([0, 1, 3, 2]))
    }
}

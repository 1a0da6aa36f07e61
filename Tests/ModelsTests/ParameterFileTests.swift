import Foundation
import Models
import Tensors
import Testing

@Suite("Saving and loading parameters")
struct ParameterFileTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("swift-margin-\(UUID().uuidString)-\(name)").path
    }

    private func makeModel(seed: UInt64, sizes: [Int] = [2, 3, 2]) -> Sequential<Float> {
        var g = SeededGenerator(seed: seed)
        return Sequential<Float>.multilayerPerceptron(sizes: sizes, using: &g)
    }

    @Test("a saved model loads back into another with identical parameters")
    func roundTrip() throws {
        let path = temporaryPath("round.params")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let original = makeModel(seed: 1)
        try original.saveParameters(to: path)
        var other = makeModel(seed: 2)
        #expect(other.parameters != original.parameters)
        try other.loadParameters(from: path)
        #expect(other.parameters == original.parameters)
    }

    @Test("a truncated file, a foreign file, and a file for another model give clear errors and change nothing")
    func errors() throws {
        let path = temporaryPath("bad.params")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = ParameterFile.encode(makeModel(seed: 1).parameters)
        var model = makeModel(seed: 2)
        let before = model.parameters

        try data.prefix(data.count - 5).write(to: URL(fileURLWithPath: path))
        #expect(throws: ParameterFileError.truncated(path: path)) { try model.loadParameters(from: path) }
        #expect("\(ParameterFileError.truncated(path: "m.params"))" == "m.params is truncated: it ends before all the parameters it announces")

        try Data("PNG and more bytes".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ParameterFileError.notAParameterFile(path: path)) { try model.loadParameters(from: path) }

        try ParameterFile.encode(makeModel(seed: 1, sizes: [2, 4, 2]).parameters).write(to: URL(fileURLWithPath: path))
        #expect(throws: ParameterFileError.shape(path: path, index: 0, model: [2, 3], file: [2, 4])) { try model.loadParameters(from: path) }

        try ParameterFile.encode([Tensor<Double>(zeros: [2, 3])]).write(to: URL(fileURLWithPath: path))
        #expect(throws: ParameterFileError.scalarType(path: path, expected: "Float32", found: 2)) { try model.loadParameters(from: path) }
        #expect(model.parameters == before)
    }
}

import Tensors
import Testing

@testable import Datasets

/// A dataset with the given number of samples per class (inputs are the sample index).
private func unbalanced(_ perClass: [Int]) throws -> Dataset<Float> {
    let labels = perClass.enumerated().flatMap { c, n in Array(repeating: c, count: n) }
    return try Dataset(inputs: Tensor(labels.indices.map(Float.init)), labels: labels, classCount: perClass.count)
}

@Suite("Dataset stratified order")
struct DatasetStratifiedOrderTests {
    static let layouts: [[Int]] = [[50, 50], [1, 7, 7, 22, 3, 22], [90, 10], [5, 0, 13, 2], [1], [3, 3, 3]]

    @Test("the order is a permutation of the samples", arguments: layouts)
    func permutation(layout: [Int]) throws {
        let data = try unbalanced(layout)
        #expect(data.stratifiedOrder(seed: 1).sorted() == Array(0..<data.count))
    }

    @Test("every prefix holds each class between the floor and ceiling of its proportional share", arguments: layouts)
    func quotas(layout: [Int]) throws {
        let data = try unbalanced(layout)
        let n = data.count
        for seed: UInt64 in [0, 1, 2] {
            var taken = [Int](repeating: 0, count: layout.count)
            for (h, index) in data.stratifiedOrder(seed: seed).enumerated() {
                taken[data.labels[index]] += 1
                for c in layout.indices {
                    let share = Double((h + 1) * layout[c]) / Double(n)
                    #expect(Double(taken[c]) >= share.rounded(.down) && Double(taken[c]) <= share.rounded(.up))
                }
            }
        }
    }

    @Test("the same seed gives the same order, another seed a different one")
    func determinism() throws {
        let data = try unbalanced([40, 30, 30])
        #expect(data.stratifiedOrder(seed: 5) == data.stratifiedOrder(seed: 5))
        #expect(data.stratifiedOrder(seed: 5) != data.stratifiedOrder(seed: 6))
    }

    @Test("an empty dataset has an empty order")
    func empty() throws {
        #expect(try unbalanced([3]).subset([]).stratifiedOrder(seed: 0) == [])
    }
}

import Foundation
import Tensors
import Testing

@testable import Datasets

@Suite("Toy2D sparse train, dense test")
struct Toy2DSparseTrainDenseTestTests {
    @Test("the defaults give 50 balanced training points and 2000 balanced test points")
    func defaults() throws {
        let (train, test) = try Toy2D.twoMoons().sparseTrainDenseTest(seed: 0)
        #expect(train.count == 50 && test.count == 2000)
        #expect(train.classCounts == [25, 25] && test.classCounts == [1000, 1000])
    }

    @Test("the pair is fixed by the seed, and another seed gives other points")
    func determinism() throws {
        let kind = Toy2D.spirals(arms: 3)
        let a = try kind.sparseTrainDenseTest(trainCount: 30, testCount: 300, seed: 5)
        let b = try kind.sparseTrainDenseTest(trainCount: 30, testCount: 300, seed: 5)
        let c = try kind.sparseTrainDenseTest(trainCount: 30, testCount: 300, seed: 6)
        #expect(a.train == b.train && a.test == b.test)
        #expect(a.train.inputs != c.train.inputs && a.test.inputs != c.test.inputs)
    }

    @Test("the training set does not depend on the test-set size")
    func trainIndependentOfTestCount() throws {
        let kind = Toy2D.circles()
        let small = try kind.sparseTrainDenseTest(trainCount: 20, testCount: 100, seed: 1)
        let large = try kind.sparseTrainDenseTest(trainCount: 20, testCount: 5000, seed: 1)
        #expect(small.train == large.train)
    }

    @Test("train and test are separate draws from the same distribution")
    func sameDistribution() throws {
        let factor = 0.4
        let (train, test) = try Toy2D.circles(noise: 0, factor: factor).sparseTrainDenseTest(seed: 2)
        func rows(_ data: Dataset<Float>) -> [[Float]] {
            let s = data.inputs.scalars
            return (0..<data.count).map { [s[2 * $0], s[2 * $0 + 1]] }
        }
        for data in [train, test] {
            let radiusErrors = zip(rows(data), data.labels).map { row, label in
                abs(hypot(Double(row[0]), Double(row[1])) - (label == 0 ? 1 : factor))
            }
            #expect(radiusErrors.max()! < 1e-6)
        }
        #expect(Set(rows(train)).isDisjoint(with: rows(test)))
    }

    @Test("a count below 1 or an invalid parameter is an error")
    func errors() {
        let train = #expect(throws: DatasetError.self) {
            try Toy2D.xor().sparseTrainDenseTest(trainCount: 0, seed: 0)
        }
        #expect(train?.description == "Toy2D.sparseTrainDenseTest: trainCount must be at least 1, got 0")
        let test = #expect(throws: DatasetError.self) {
            try Toy2D.xor().sparseTrainDenseTest(testCount: -5, seed: 0)
        }
        #expect(test?.description == "Toy2D.sparseTrainDenseTest: testCount must be at least 1, got -5")
        let kind = #expect(throws: DatasetError.self) {
            try Toy2D.blobs(centers: 1).sparseTrainDenseTest(seed: 0)
        }
        #expect(kind?.description == "Toy2D.blobs: centers must be at least 2, got 1")
    }
}

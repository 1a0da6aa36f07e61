import Attacks
import Datasets
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Robust accuracy", .serialized)
struct RobustAccuracyTests {
    static let epsilons = [0, 0.05, 0.1, 0.2, 0.3, 0.5]

    @Test("on a trained toy model: epsilon 0 gives the clean accuracy and FGSM's curve never rises")
    func whiteBoxFGSM() throws {
        let (model, test) = try Fixtures.trainedMoons()
        let clean = accuracy(of: model, on: test)
        #expect(clean > 0.9)
        let curve = robustAccuracy(of: model, on: test, under: .fgsm(epsilon: 0), epsilons: Self.epsilons, chunkSize: 300)
        #expect(curve.points.map(\.epsilon) == Self.epsilons)
        #expect(curve.accuracies[0] == clean)
        #expect(zip(curve.accuracies, curve.accuracies.dropFirst()).allSatisfy { $0 >= $1 }, "\(curve)")
        #expect(curve.accuracies.last! < clean - 0.3)
        #expect(curve.setting == .whiteBox)
    }

    @Test("PGD is at least as strong as FGSM, and noise of the same size is weaker")
    func attacksCompared() throws {
        let (model, test) = try Fixtures.trainedMoons()
        let fgsmCurve = robustAccuracy(of: model, on: test, under: .fgsm(epsilon: 0), epsilons: [0.1, 0.2])
        let pgdCurve = robustAccuracy(of: model, on: test, under: .pgd(epsilon: 0, iterations: 10), epsilons: [0.1, 0.2])
        let noiseCurve = robustAccuracy(of: model, on: test, under: .gaussianNoise(standardDeviation: 0), epsilons: [0.1, 0.2])
        for i in 0..<2 {
            #expect(pgdCurve.accuracies[i] <= fgsmCurve.accuracies[i] + 0.01)
            #expect(noiseCurve.accuracies[i] > fgsmCurve.accuracies[i])
        }
    }

    @Test("black-box: examples crafted on another model transfer, and a model crafted on itself is white-box")
    func blackBox() throws {
        let (target, test) = try Fixtures.trainedMoons(seed: 3)
        let (source, _) = try Fixtures.trainedMoons(seed: 4)
        let transfer = robustAccuracy(of: target, craftedOn: source, on: test, under: .fgsm(epsilon: 0), epsilons: [0, 0.2, 0.4])
        #expect(transfer.setting == .blackBox)
        #expect(transfer.accuracies[0] == accuracy(of: target, on: test))
        #expect(transfer.accuracies[2] < transfer.accuracies[0])
        let same = robustAccuracy(of: target, craftedOn: target, on: test, under: .fgsm(epsilon: 0), epsilons: [0.2])
        #expect(same.accuracies == robustAccuracy(of: target, on: test, under: .fgsm(epsilon: 0), epsilons: [0.2]).accuracies)
    }

    @Test("the result prints a heading and a table")
    func description() {
        let result = RobustAccuracy(
            attack: .fgsm(epsilon: 0), setting: .whiteBox,
            points: [.init(epsilon: 0, accuracy: 0.985), .init(epsilon: 0.1, accuracy: 0.8125)])
        #expect(result.description == """
            white-box accuracy under FGSM
              epsilon  accuracy
              0        0.9850
              0.1      0.8125
            """)
        #expect(RobustAccuracy(attack: .pgd(epsilon: 0, norm: .l2), setting: .blackBox, points: []).description
                == "black-box accuracy under PGD l2\n  epsilon  accuracy")
        #expect(result.points[1].description == "epsilon 0.1: accuracy 0.8125")
    }
}

import Attacks
import MarginTestSupport
import Models
import Tensors
import Testing

/// On a linear classifier of two classes the worst point of an l_inf square is a corner, and
/// the grid holds every corner: the grid search's accuracy has a closed form.
@Suite("Grid search")
struct GridSearchTests {
    /// logits = x W + b with w_0 - w_1 = (1.5, -0.5) and b_0 - b_1 = 0.1.
    static let model = Dense<Double>(weight: Tensor(shape: [2, 2], scalars: [1, -0.5, -0.5, 0]), bias: Tensor([0.1, 0]))

    @Test("a point counts as robust exactly when its margin exceeds epsilon ||w_y - w_other||_1", arguments: [0.05, 0.2, 0.5])
    func closedForm(epsilon: Double) {
        var g = SeededGenerator(seed: 7)
        let x = Tensor<Double>(randomUniform: [200, 2], in: -1..<1, using: &g)
        let labels = (0..<200).map { _ in g.nextInt(below: 2) }
        let crafted = Attack.gridSearch(epsilon: epsilon, pointsPerAxis: 5).perturb(x, labels: labels, against: Self.model)
        let rows = x.scalars
        let robust = labels.indices.map { n -> Bool in
            let difference = 1.5 * rows[2 * n] - 0.5 * rows[2 * n + 1] + 0.1   // f_0 - f_1
            let margin = labels[n] == 0 ? difference : -difference
            return margin > epsilon * 2.0   // ||(1.5, -0.5)||_1 = 2
        }
        let expected = Double(robust.filter { $0 }.count) / 200
        #expect(accuracy(of: Self.model, on: LabeledBatch(inputs: crafted, labels: labels)) == expected)
        #expect(robustAccuracy(of: Self.model, on: LabeledBatch(inputs: x, labels: labels),
                               under: .gridSearch(epsilon: 0, pointsPerAxis: 5), epsilons: [epsilon]).accuracies == [expected])
        // Every point found lies in the square; a robust point is returned at the first corner.
        let offsets = (crafted - x).scalars
        #expect(offsets.allSatisfy { abs($0) <= epsilon + 1e-12 })
        for n in labels.indices where robust[n] {
            #expect(abs(offsets[2 * n] + epsilon) < 1e-12 && abs(offsets[2 * n + 1] + epsilon) < 1e-12)
        }
    }

    @Test("the offsets cover the square, corners included, the last feature fastest")
    func gridOrder() {
        // A model that is wrong only at the offset (+epsilon, -epsilon) from the origin: class 1
        // wins when x_1 - x_2 > 1.5 epsilon, which among the 3 x 3 offsets only (e, -e) reaches.
        let epsilon = 0.1
        let model = Dense<Double>(weight: Tensor(shape: [2, 2], scalars: [0, 1, 0, -1]), bias: Tensor([0, -0.15]))
        let found = gridSearch(model, inputs: Tensor(zeros: [1, 2]), labels: [0], epsilon: epsilon, pointsPerAxis: 3)
        #expect(found.scalars == [epsilon, -epsilon])
        #expect(Attack.gridSearch(epsilon: 0.1, pointsPerAxis: 3).withEpsilon(0.3) == .gridSearch(epsilon: 0.3, pointsPerAxis: 3))
        #expect(Attack.gridSearch(epsilon: 0.1, pointsPerAxis: 3).description == "grid search l_inf (epsilon 0.1, 3 points per axis)")
    }

    @Test("a grid too large to search is refused")
    func tooLarge() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = gridSearch(GridSearchTests.model, inputs: Tensor<Double>(zeros: [1, 784]), labels: [0], epsilon: 0.1, pointsPerAxis: 3)
        }
        #expect(standardError(of: result).contains("gridSearch needs pointsPerAxis small enough"))
    }
}

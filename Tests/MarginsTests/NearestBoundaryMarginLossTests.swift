import Foundation
import MarginTestSupport
import Margins
import Models
import Tensors
import Testing

@Suite("Fair shares and the nearest-boundary soft-minimum margin")
struct NearestBoundaryMarginLossTests {
    @Test("fair shares: half the distance to the nearest point of another class, by hand, in each norm")
    func fairSharesByHand() {
        // (0, 0) and (3, 0) of class 0; (0, 1) and (5, 4) of class 1.
        let points: [Double] = [0, 0, 3, 0, 0, 1, 5, 4]
        let labels = [0, 0, 1, 1]
        #expect(fairShares(of: points, dimension: 2, labels: labels, norm: .l2) == [0.5, 10.0.squareRoot() / 2, 0.5, 20.0.squareRoot() / 2])
        #expect(fairShares(of: points, dimension: 2, labels: labels, norm: .l1) == [0.5, 2, 0.5, 3])
        #expect(fairShares(of: points, dimension: 2, labels: labels, norm: .lInfinity) == [0.5, 1.5, 0.5, 2])
        #expect(fairShares(of: [Float(1), 2], dimension: 1, labels: [0, 0], norm: .l2) == [.infinity, .infinity])
    }

    /// A linear classifier: its boundary is the line w . x + b = 0, each point's margin its
    /// distance to that line, and eq. 7 is exact anywhere; so the loss has a closed form.
    @Test("for a linear classifier the loss is T mean log(1 + exp(-distance / T)) + cross-entropy")
    func linearClosedForm() {
        let weight = Tensor<Float>([[1.0, -1.0], [0.5, 2.0]])  // logits: x W + b
        let bias = Tensor<Float>([0.2, -0.1])
        let model = Sequential<Float>([Dense<Float>(weight: weight, bias: bias)])
        let inputs = Tensor<Float>([[1.0, -0.5], [0.8, -1.2], [0.9, 0.2], [-1.0, 0.6], [-0.9, 1.1], [-0.3, 0.8]])
        let labels = [0, 0, 0, 1, 1, 1]
        let loss = NearestBoundaryMarginLoss(temperatureShare: 0.5)
        let value = Double(loss.loss(model, LabeledBatch(inputs: inputs, labels: labels)).scalar)

        // The same in double precision, by hand.
        let xy = inputs.scalars.map(Double.init)
        let w = [-2.0, 1.5], b = -0.3  // (W[:, 1] - W[:, 0]), b_1 - b_0: class 1 where w . x + b > 0
        let norm = (w[0] * w[0] + w[1] * w[1]).squareRoot()
        let distances = labels.indices.map { i in
            (labels[i] == 1 ? 1.0 : -1.0) * (w[0] * xy[2 * i] + w[1] * xy[2 * i + 1] + b) / norm
        }
        #expect(distances.allSatisfy { $0 > 0 })  // every point correctly classified
        let shares = fairShares(of: xy, dimension: 2, labels: labels, norm: .l2).sorted()
        let t = shares[labels.count / 2] * 0.5
        let softMinimum = distances.map { t * log(1 + exp(-$0 / t)) }.reduce(0, +) / Double(labels.count)
        let crossEntropy = labels.indices.map { i -> Double in
            let logits = [0, 1].map { c in
                xy[2 * i] * Double(weight.scalars[c]) + xy[2 * i + 1] * Double(weight.scalars[2 + c]) + Double(bias.scalars[c])
            }
            let top = logits.max()!
            return -(logits[labels[i]] - top - log(logits.map { exp($0 - top) }.reduce(0, +)))
        }.reduce(0, +) / Double(labels.count)
        // The ray search finds the boundary point along the nearest of 32 rays, at most 5.6 degrees
        // off the normal: the margin estimate is then at most 0.5% above the distance.
        #expect(abs(value - (softMinimum + crossEntropy)) < 0.005 * softMinimum + 1e-4)
    }

    @Test("bad input and settings are errors that name them")
    func badInput() async {
        await #expect(processExitsWith: .failure) { _ = NearestBoundaryMarginLoss(temperatureShare: 0) }
        await #expect(processExitsWith: .failure) {
            let model = Sequential<Float>([Dense<Float>(weight: Tensor(zeros: [3, 2]), bias: Tensor(zeros: [2]))])
            _ = NearestBoundaryMarginLoss(temperatureShare: 0.1).loss(model, LabeledBatch(inputs: Tensor(zeros: [2, 3]), labels: [0, 1]))
        }
    }
}

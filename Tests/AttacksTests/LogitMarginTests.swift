import Attacks
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Logit margin and the loss an attack carries")
struct LogitMarginTests {
    @Test("the summed margin max_{i != y} f_i - f_y and its gradient, by hand")
    func valueAndGradient() {
        let logits = Tensor<Double>(shape: [2, 3], scalars: [2, 0.5, 1, 0, 3, -1]).requiringGradient()
        // Row 0, class 0: 1 - 2 = -1 (correct); row 1, class 2: 3 - (-1) = 4 (misclassified).
        let value = GradientRecording.enabled { logitMargin(logits: logits, labels: [0, 2]) }
        #expect(value.scalars == [3])
        let gradient = GradientRecording.enabled {
            gradients(of: logitMargin(logits: logits, labels: [0, 2]), withRespectTo: [logits])[0]
        }
        #expect(gradient.scalars == [-1, 0, 1, 0, 1, -1])
        #expect(AdversarialLoss.logitMargin.value(logits: logits.withoutDerivative(), labels: [0, 2]).scalars == [3])
        let crossEntropy = softmaxCrossEntropy(logits: logits.withoutDerivative(), labels: [0, 2]).scalars
        #expect(AdversarialLoss.crossEntropy.value(logits: logits.withoutDerivative(), labels: [0, 2]).scalars == crossEntropy)
    }

    @Test("FGSM on the logit margin of a linear model steps along sign(w_other - w_y), even where the softmax saturates")
    func fgsmOnLinearModel() {
        // Two classes, logits x W + b with W = [[1000, -1000], [-2000, 3000]]: every row is
        // thousands of logits from the boundary, so the cross-entropy's gradient is exactly 0.
        let model = Dense<Float>(weight: Tensor(shape: [2, 2], scalars: [1000, -1000, -2000, 3000]), bias: Tensor(zeros: [2]))
        let x = Tensor<Float>(shape: [3, 2], scalars: [1, 0, 0, 1, 2, -1])
        let labels = [0, 1, 0]
        let epsilon = 0.25
        let onMargin = Attack.fgsm(epsilon: epsilon, loss: .logitMargin).perturb(x, labels: labels, against: model)
        // w_1 - w_0 = (-2000, 5000): class 0 rows move by epsilon * (-1, +1), class 1 rows by (+1, -1).
        #expect(onMargin.scalars == [0.75, 0.25, 0.25, 0.75, 1.75, -0.75])
        #expect(onMargin == fgsm(model, inputs: x, labels: labels, epsilon: epsilon, loss: { logitMargin(logits: $0, labels: $1) }))
        let onCrossEntropy = Attack.fgsm(epsilon: epsilon).perturb(x, labels: labels, against: model)
        #expect(onCrossEntropy == x, "the saturated softmax leaves no gradient to climb")
        #expect(zeroGradientShare(of: model, on: LabeledBatch(inputs: x, labels: labels)) == 1)
        #expect(zeroGradientShare(of: model, on: LabeledBatch(inputs: x, labels: labels), loss: .logitMargin) == 0)
    }

    @Test("an attack keeps its loss through withEpsilon, names it, and passes it to the attack function")
    func attackCarriesItsLoss() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch()
        let margin: AttackLoss<Double> = { logitMargin(logits: $0, labels: $1) }
        #expect(Attack.iterativeFGSM(epsilon: 0.1, loss: .logitMargin).perturb(x, labels: y, against: model, clippedTo: 0...1)
                == iterativeFGSM(model, inputs: x, labels: y, epsilon: 0.1, clippedTo: 0...1, loss: margin))
        #expect(Attack.pgd(epsilon: 0.2, iterations: 4, seed: 2, loss: .logitMargin).perturb(x, labels: y, against: model)
                == pgd(model, inputs: x, labels: y, epsilon: 0.2, iterations: 4, seed: 2, loss: margin))
        #expect(Attack.pgd(epsilon: 0.2, iterations: 4, loss: .logitMargin).withEpsilon(0.3)
                == .pgd(epsilon: 0.3, iterations: 4, loss: .logitMargin))
        #expect(Attack.fgsm(epsilon: 0.1, loss: .logitMargin).withEpsilon(0.2).loss == .logitMargin)
        #expect(Attack.fgsm(epsilon: 0.1).loss == .crossEntropy)
        #expect(Attack.deepFool().loss == nil)
        #expect(Attack.fgsm(epsilon: 0.1, loss: .logitMargin).description == "FGSM (epsilon 0.1, on the logit margin)")
        #expect(Attack.fgsm(epsilon: 0.1, loss: .logitMargin) != .fgsm(epsilon: 0.1))
    }

    @Test("a single class has no other class to take the maximum over")
    func singleClass() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = logitMargin(logits: Tensor<Float>(zeros: [2, 1]), labels: [0, 0])
        }
        #expect(standardError(of: result).contains("logitMargin needs classes >= 2, got 1"))
    }
}

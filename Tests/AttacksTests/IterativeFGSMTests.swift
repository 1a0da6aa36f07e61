import Attacks
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Iterative FGSM")
struct IterativeFGSMTests {
    @Test("Kurakin's schedule: one pixel value per step, min(eps + 4, 1.25 eps) steps in pixel values")
    func schedule() {
        let eight = kurakinSchedule(epsilon: 8.0 / 255, clippedTo: 0...1)
        expectClose(eight.stepSize, 1.0 / 255, tolerance: 1e-15)
        #expect(eight.iterations == 10)   // min(12, 10)
        #expect(kurakinSchedule(epsilon: 16.0 / 255, clippedTo: 0...1).iterations == 20)   // min(20, 20)
        #expect(kurakinSchedule(epsilon: 32.0 / 255, clippedTo: 0...1).iterations == 36)   // min(36, 40)
        #expect(kurakinSchedule(epsilon: 2.0 / 255).iterations == 3)                        // ceil(2.5)
        // A range of width 2 makes a pixel value 2/255.
        expectClose(kurakinSchedule(epsilon: 0.1, clippedTo: -1...1).stepSize, 2.0 / 255, tolerance: 1e-15)
        #expect(kurakinSchedule(epsilon: 0).iterations == 0)
    }

    @Test("the result stays in the epsilon ball and the data range", arguments: [0.02, 0.1, 0.3])
    func staysInBallAndRange(epsilon: Double) {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch(rows: 8)
        let adversarial = iterativeFGSM(model, inputs: x, labels: y, epsilon: epsilon, clippedTo: 0...1)
        #expect(Fixtures.lInfinityDistances(adversarial, x).allSatisfy { $0 <= epsilon + 1e-12 })
        #expect(adversarial.scalars.allSatisfy { (0...1).contains($0) })
    }

    @Test("an interrupt (TrainingStop) ends the iterations early and returns the examples so far")
    func stopsWhenAsked() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch(rows: 8)
        var lossCalls = 0
        // A private request, so that loops of tests running alongside do not see it.
        let stopped = TrainingStop.withPrivateRequest {
            let stopped = iterativeFGSM(model, inputs: x, labels: y, epsilon: 0.1, stepSize: 0.02, iterations: 10) { logits, labels in
                lossCalls += 1
                if lossCalls == 2 { TrainingStop.request() }  // as a notebook interrupt would, during step 2
                return softmaxCrossEntropy(logits: logits, labels: labels)
            }
            TrainingStop.clear()
            return stopped
        }
        #expect(lossCalls == 2)
        #expect(stopped == iterativeFGSM(model, inputs: x, labels: y, epsilon: 0.1, stepSize: 0.02, iterations: 2))
    }

    @Test("it raises the loss at least as much as one FGSM step of the same size")
    func strongerThanFGSM() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch(rows: 8)
        func loss(_ z: Tensor<Double>) -> Double { softmaxCrossEntropy(logits: model(z), labels: y).scalar }
        let iterative = iterativeFGSM(model, inputs: x, labels: y, epsilon: 0.1, stepSize: 0.02, iterations: 10)
        #expect(loss(iterative) >= loss(fgsm(model, inputs: x, labels: y, epsilon: 0.1)) - 1e-9)
        #expect(loss(iterative) > loss(x))
    }

    @Test("one iteration with step epsilon is FGSM")
    func oneStepIsFGSM() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch()
        expectClose(iterativeFGSM(model, inputs: x, labels: y, epsilon: 0.1, stepSize: 0.1, iterations: 1, clippedTo: 0...1),
                    fgsm(model, inputs: x, labels: y, epsilon: 0.1, clippedTo: 0...1), tolerance: 1e-15)
    }
}

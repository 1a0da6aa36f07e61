@testable import Models
import Testing

@Suite("TrainingHistory prints as one line")
struct TrainingHistoryTests {
    @Test("print(history) says steps, final loss, time and the last evaluation, not every loss")
    func summary() {
        var history = TrainingHistory()
        history.losses = Array(repeating: 0.5, count: 9_999) + [0.002959]
        history.wallSeconds = 2.5
        history.evaluations = [
            Evaluation(step: 5_000, trainingAccuracy: 0.9, testAccuracy: 0.85),
            Evaluation(step: 10_000, trainingAccuracy: 0.99, testAccuracy: 0.985),
        ]
        // 10000 steps / 2.5 s = 4000 steps/s.
        #expect(String(describing: history) == "TrainingHistory: 10000 steps, final loss 0.002959, 2.5 s (4000 steps/s), "
            + "2 evaluations, last at step 10000: train acc 0.9900, test acc 0.9850")
    }

    @Test("an empty history and an early stop")
    func edges() {
        #expect(TrainingHistory().description == "TrainingHistory: 0 steps")
        var stopped = TrainingHistory()
        stopped.losses = [1, 0.25]
        stopped.stoppedEarly = true
        stopped.evaluations = [Evaluation(step: 2, trainingAccuracy: 0.5, testAccuracy: nil)]
        #expect(stopped.description == "TrainingHistory: 2 steps, final loss 0.25, stopped early, 1 evaluation, last at step 2: train acc 0.5000")
    }
}

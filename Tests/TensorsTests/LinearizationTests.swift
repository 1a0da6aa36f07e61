import MarginTestSupport
import Tensors
import Testing

extension TensorsSuite {
    @Suite("Tensor(linearizedValue:gradient:at:): a value with a gradient worked out by hand")
    struct LinearizationTests {
        @Test("has the given value, and the given gradient with respect to its input, through later operations too")
        func valueAndGradient() {
            let x = Tensor<Double>([1, 2, 3]).requiringGradient()
            // f(x) = x·x at x = (1, 2, 3), by hand: value 14, gradient 2x.
            let f = Tensor(linearizedValue: 14, gradient: Tensor([2, 4, 6]), at: x)
            #expect(f.shape == [])
            #expect(f.scalar == 14)
            expectClose(gradients(of: f, withRespectTo: [x])[0], [2, 4, 6])
            // Composed with recorded operations: d(3 f + x·1)/dx = 3 (2x) + 1, as for the real x·x.
            let composed = 3 * f + x.sum()
            let real = 3 * (x * x).sum() + x.sum()
            expectClose(composed.scalar, real.scalar)
            expectClose(gradients(of: composed, withRespectTo: [x])[0], gradients(of: real, withRespectTo: [x])[0])
        }

        @Test("records nothing for a constant input, or with recording off")
        func constantInput() {
            #expect(!Tensor(linearizedValue: 1, gradient: Tensor<Double>([1]), at: Tensor([0])).requiresGradient)
            let x = Tensor<Double>([0]).requiringGradient()
            #expect(!withoutGradientRecording { Tensor(linearizedValue: 1, gradient: Tensor<Double>([1]), at: x) }.requiresGradient)
            #expect(Tensor(linearizedValue: 1, gradient: Tensor<Double>([1]), at: x).requiresGradient)
        }

        @Test("a gradient not shaped like the input stops with a sentence naming both shapes")
        func mismatch() async {
            let exit = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor(linearizedValue: 1, gradient: Tensor<Double>(zeros: [2, 3]), at: Tensor<Double>(zeros: [3, 2]))
            }
            #expect(standardError(of: exit).contains("shape mismatch: [2, 3] vs [3, 2] in Tensor(linearizedValue:gradient:at:) (gradient vs input)"))
        }
    }
}

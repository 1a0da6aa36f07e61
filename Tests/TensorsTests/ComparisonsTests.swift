import Tensors
import Testing

extension TensorsSuite {
    @Suite("Comparisons")
    struct ComparisonsTests {
        @Test("comparisons give 0 and 1 elementwise, with broadcasting and scalar forms")
        func values() {
            let x = Tensor<Double>([[1, 2, 3], [4, 5, 6]])
            let row = Tensor<Double>([2, 5, 3])
            #expect((x .> row).scalars == [0, 0, 0, 1, 0, 1])
            #expect((x .>= row).scalars == [0, 0, 1, 1, 1, 1])
            #expect((x .< row).scalars == [1, 1, 0, 0, 0, 0])
            #expect((x .<= row).scalars == [1, 1, 1, 0, 1, 0])
            #expect((x .== row).scalars == [0, 0, 1, 0, 1, 0])
            #expect((x .> 3).scalars == [0, 0, 0, 1, 1, 1])
            #expect((x .>= 3).scalars == [0, 0, 1, 1, 1, 1])
            #expect((x .< 3).scalars == [1, 1, 0, 0, 0, 0])
            #expect((x .<= 3).scalars == [1, 1, 1, 0, 0, 0])
            #expect((x .== 3).scalars == [0, 0, 1, 0, 0, 0])
            #expect((x .> Tensor<Double>([[3], [4]])).shape == [2, 3])
        }

        @Test("a comparison is a constant: no gradient flows through it")
        func constant() {
            let x = Tensor<Double>([1, 2]).requiringGradient()
            #expect(!(x .> 1.5).requiresGradient)
            #expect(gradients(of: ((x .> 1.5) * x).sum(), withRespectTo: [x])[0].scalars == [0, 1])
        }

        @Test("isFinite is false when any element is NaN or infinite")
        func finiteness() {
            #expect(Tensor<Double>([1, -2]).isFinite)
            #expect(!Tensor<Double>([1, .nan]).isFinite)
            #expect(!Tensor<Float>([-.infinity]).isFinite)
            #expect((Tensor<Double>([.nan]) .== Tensor([.nan])).scalars == [0])
        }
    }
}

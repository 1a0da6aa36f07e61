import Tensors
import Testing

extension TensorsSuite {
    @Suite("Printing a tensor")
    struct DescriptionTests {
        @Test("a small matrix prints its dtype, shape and right-aligned values")
        func smallMatrix() {
            let x = Tensor<Float>([[1, 2.5], [-3, 4]])
            #expect(x.description == "Tensor<Float32> shape [2, 2]\n[[ 1., 2.5],\n [-3.,  4.]]")
        }

        @Test("a scalar prints on the header line")
        func scalar() {
            #expect(Tensor<Double>(3.5).description == "Tensor<Float64> shape [] 3.5")
            #expect(Tensor<Double>(-2).description == "Tensor<Float64> shape [] -2.")
        }

        @Test("small, large and non-finite values: four decimals, exponent form, nan and inf")
        func specialValues() {
            let x = Tensor<Double>([0.1, -0.00001, .nan, .infinity, 12_345_678])
            #expect(
                x.description
                    == "Tensor<Float64> shape [5]\n[        0.1, -1.0000e-05,         nan,         inf,  1.2346e+07]")
            #expect(Tensor<Double>([-.infinity, 1.0 / 3]).description == "Tensor<Float64> shape [2]\n[  -inf, 0.3333]")
            #expect(Tensor<Float>([0.1]).description == "Tensor<Float32> shape [1]\n[0.1]")
        }

        @Test("a rank-3 tensor separates its matrices with a blank line")
        func rank3() {
            let x = Tensor<Double>(shape: [2, 2, 2], scalars: (0..<8).map(Double.init))
            #expect(
                x.description
                    == "Tensor<Float64> shape [2, 2, 2]\n[[[0., 1.],\n  [2., 3.]],\n\n [[4., 5.],\n  [6., 7.]]]")
        }

        @Test("an empty tensor prints empty brackets")
        func empty() {
            #expect(Tensor<Double>(zeros: [0]).description == "Tensor<Float64> shape [0]\n[]")
        }

        @Test("up to 1000 elements print in full")
        func thousandInFull() {
            let x = Tensor<Double>(shape: [1000], scalars: (0..<1000).map(Double.init))
            #expect(!x.description.contains("..."))
            #expect(x.description.hasSuffix(" 998., 999.]"))
        }

        @Test("beyond 1000 elements each long axis shows its first and last three entries")
        func elision() {
            let vector = Tensor<Double>(shape: [1001], scalars: (0...1000).map(Double.init))
            #expect(
                vector.description == "Tensor<Float64> shape [1001]\n[   0.,    1.,    2., ...,  998.,  999., 1000.]")
            let wide = Tensor<Double>(shape: [2, 501], scalars: (0..<1002).map(Double.init))
            #expect(
                wide.description == """
                    Tensor<Float64> shape [2, 501]
                    [[   0.,    1.,    2., ...,  498.,  499.,  500.],
                     [ 501.,  502.,  503., ...,  999., 1000., 1001.]]
                    """)
            let tall = Tensor<Double>(shape: [40, 30], scalars: (0..<1200).map(Double.init))
            let lines = tall.description.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 8)
            #expect(lines[1] == "[[   0.,    1.,    2., ...,   27.,   28.,   29.],")
            #expect(lines[4] == " ...,")
            #expect(lines[7] == " [1170., 1171., 1172., ..., 1197., 1198., 1199.]]")
        }
    }
}

import Tensors
import Testing

extension TensorsSuite {
    @Suite("Tensor: storage, shape and initialisers")
    struct TensorTests {
        @Test("the initialisers give the shape and row-major scalars")
        func initialisers() {
            let m = Tensor<Double>([[1, 2, 3], [4, 5, 6]])
            #expect(m.shape == [2, 3])
            #expect(m.rank == 2)
            #expect(m.count == 6)
            #expect(m.scalars == [1, 2, 3, 4, 5, 6])
            #expect(Tensor<Double>(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6]).reshaped(to: [2, 3]) == m)
            #expect(Tensor<Float>([1, 2]).shape == [2])
            let s = Tensor<Double>(4)
            #expect(s.shape == [] && s.rank == 0 && s.count == 1 && s.scalar == 4)
            #expect(Tensor<Double>(repeating: 7, shape: [2, 2]).scalars == [7, 7, 7, 7])
            #expect(Tensor<Double>(zeros: [2]).scalars == [0, 0])
            #expect(Tensor<Double>(ones: [1, 3]).scalars == [1, 1, 1])
            #expect(Tensor<Double>(zeros: [2, 0]).count == 0)
        }

        @Test("converting between Float and Double keeps values and makes a constant")
        func converting() {
            let d = Tensor<Double>([0.5, -1.25]).requiringGradient()
            let f = Tensor<Float>(converting: d)
            #expect(f.scalars == [0.5, -1.25])
            #expect(!f.requiresGradient)
            #expect(Tensor<Double>(converting: f) == d.withoutDerivative())
        }

        @Test("tensors are values: writing one copy leaves the other unchanged")
        func copyOnWrite() {
            let a = Tensor<Double>([1, 2, 3])
            var b = a
            b.withUnsafeMutableBufferPointer { $0[0] = 10 }
            #expect(a.scalars == [1, 2, 3])
            #expect(b.scalars == [10, 2, 3])
            // A reshaped view shares storage until written.
            var r = a.reshaped(to: [3, 1])
            r.withUnsafeMutableBufferPointer { $0[2] = 30 }
            #expect(a.scalars == [1, 2, 3])
            #expect(r.scalars == [1, 2, 30])
        }

        @Test("writing in place drops the autodiff record")
        func writingMakesConstant() {
            var x = Tensor<Double>([1, 2]).requiringGradient()
            #expect(x.requiresGradient)
            x.withUnsafeMutableBufferPointer { $0[1] = 5 }
            #expect(!x.requiresGradient)
            #expect(x.withUnsafeBufferPointer { Array($0) } == [1, 5])
        }

        @Test("equality compares shape and scalars, not autodiff records")
        func equality() {
            #expect(Tensor<Double>([1, 2]) == Tensor<Double>([1, 2]).requiringGradient())
            #expect(Tensor<Double>([1, 2]) != Tensor<Double>([[1, 2]]))
            #expect(Tensor<Double>([1, 2]) != Tensor<Double>([1, 3]))
        }

        @Test("the scalar types name themselves and their file codes")
        func scalarTypes() {
            #expect(Float.dtypeName == "Float32")
            #expect(Double.dtypeName == "Float64")
            #expect(Float.fileCode == 1)
            #expect(Double.fileCode == 2)
        }
    }
}

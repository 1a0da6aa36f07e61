import MarginTestSupport
import Tensors
import Testing

extension TensorsSuite {
    @Suite("Seeded random numbers")
    struct RandomTests {
        @Test("the first outputs of SeededGenerator(seed: 42) are fixed (xoshiro256** seeded by SplitMix64)")
        func fixedSequence() {
            // Computed by an independent Python implementation of SplitMix64 and xoshiro256**.
            var g = SeededGenerator(seed: 42)
            #expect(g.next() == 0x1578_0B2E_0C2E_C716)
            #expect(g.next() == 0x6104_D986_6D11_3A7E)
            #expect(g.next() == 0xAE17_5332_39E4_99A1)
            #expect(g.next() == 0xECB8_AD47_03B3_60A1)
            var zero = SeededGenerator(seed: 0)
            #expect(zero.next() == 0x99EC_5F36_CB75_F2B4)
        }

        @Test("the derived draws of seed 42 are fixed: unit doubles, bounded integers, a permutation, normals")
        func fixedDerivedValues() {
            var g = SeededGenerator(seed: 42)
            #expect(
                [g.nextUnitDouble(), g.nextUnitDouble(), g.nextUnitDouble()]
                    == [0.08386297105988216, 0.3789802506626686, 0.6800434110281394])
            g = SeededGenerator(seed: 42)
            #expect((0..<5).map { _ in g.nextInt(below: 10) } == [0, 3, 6, 9, 9])
            g = SeededGenerator(seed: 42)
            #expect(g.permutation(10) == [9, 1, 4, 2, 8, 7, 6, 5, 3, 0])
            g = SeededGenerator(seed: 42)
            expectClose(g.nextNormal(), -0.303263064678738, tolerance: 1e-13)
            expectClose(g.nextNormal(), 1.3438117634372806, tolerance: 1e-13)
            var t = SeededGenerator(seed: 42)
            #expect(
                Tensor<Double>(randomUniform: [3], using: &t).scalars == [
                    0.08386297105988216, 0.3789802506626686, 0.6800434110281394,
                ])
        }

        @Test("Float uniform draws stay below the upper bound even when the Double draw rounds up to it")
        func floatUniformIsHalfOpen() {
            // The first unit draw of seed 39061301 is 0.9999999754692834, which is 1.0 as a Float.
            var probe = SeededGenerator(seed: 39_061_301)
            #expect(Float(probe.nextUnitDouble()) == 1)
            var g = SeededGenerator(seed: 39_061_301)
            #expect(Tensor<Float>(randomUniform: [1], using: &g).scalar < 1)
            g = SeededGenerator(seed: 39_061_301)
            #expect(Tensor<Float>(randomUniform: [1], in: -1..<1, using: &g).scalar < 1)
            g = SeededGenerator(seed: 39_061_301)
            #expect(Tensor<Double>(randomUniform: [1], using: &g).scalar == 0.9999999754692834)
        }

        @Test("the same seed gives the same tensors; another seed gives others")
        func reproducible() {
            var a = SeededGenerator(seed: 7)
            var b = SeededGenerator(seed: 7)
            var c = SeededGenerator(seed: 8)
            let x = Tensor<Float>(randomNormal: [4, 5], using: &a)
            #expect(x == Tensor<Float>(randomNormal: [4, 5], using: &b))
            #expect(x != Tensor<Float>(randomNormal: [4, 5], using: &c))
            #expect(
                Tensor<Double>(glorotUniform: [3, 3], using: &a) == Tensor<Double>(glorotUniform: [3, 3], using: &b))
            #expect(a.permutation(50) == b.permutation(50))
        }

        @Test("permutation(n) is a permutation of 0..<n", arguments: [0, 1, 2, 10, 1000])
        func permutation(count: Int) {
            var g = SeededGenerator(seed: UInt64(count))
            let p = g.permutation(count)
            #expect(p.sorted() == Array(0..<count))
            if count >= 10 { #expect(p != Array(0..<count)) }
        }

        @Test("nextInt(below:) stays in range and hits every value about equally")
        func boundedIntegers() {
            var g = SeededGenerator(seed: 3)
            var counts = [Int](repeating: 0, count: 7)
            for _ in 0..<70_000 { counts[g.nextInt(below: 7)] += 1 }
            // Expected 10,000 each; the standard deviation is about 93.
            #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
            #expect((0..<100).allSatisfy { _ in g.nextInt(below: 1) == 0 })
        }

        @Test("100,000 uniform samples in [-1, 3) have mean 1 and variance 4/3")
        func uniformMoments() {
            var g = SeededGenerator(seed: 11)
            let x = Tensor<Double>(randomUniform: [100_000], in: -1..<3, using: &g)
            #expect(x.scalars.allSatisfy { $0 >= -1 && $0 < 3 })
            let mean = x.mean().scalar
            let variance = ((x - mean) * (x - mean)).mean().scalar
            // Standard errors: 0.0037 for the mean, 0.0038 for the variance.
            #expect(abs(mean - 1) < 0.02)
            #expect(abs(variance - 4.0 / 3) < 0.02)
        }

        @Test("100,000 normal samples have the requested mean and standard deviation")
        func normalMoments() {
            var g = SeededGenerator(seed: 12)
            let x = Tensor<Double>(randomNormal: [100_000], mean: 2, standardDeviation: 0.5, using: &g)
            let mean = x.mean().scalar
            let deviation = ((x - mean) * (x - mean)).mean().scalar.squareRoot()
            // Standard errors: 0.0016 for the mean, 0.0011 for the standard deviation.
            #expect(abs(mean - 2) < 0.008)
            #expect(abs(deviation - 0.5) < 0.006)
            // About 68.3% within one standard deviation.
            let inside = x.scalars.filter { abs($0 - 2) < 0.5 }.count
            #expect(abs(Double(inside) / 100_000 - 0.6827) < 0.006)
        }

        @Test("Glorot uniform stays within sqrt(6 / (fanIn + fanOut)) and reaches near it")
        func glorotLimit() {
            var g = SeededGenerator(seed: 13)
            let w = Tensor<Double>(glorotUniform: [50, 30], using: &g)
            let limit = (6.0 / 80).squareRoot()
            let largest = w.scalars.map { abs($0) }.max()!
            #expect(largest < limit)
            #expect(largest > 0.98 * limit)
            // Uniform on (-l, l) has variance l^2 / 3.
            #expect(abs((w * w).mean().scalar - limit * limit / 3) < 0.1 * limit * limit / 3)
            // Convolution kernels count the receptive field in both fans.
            let k = Tensor<Double>(glorotUniform: [3, 3, 4, 8], using: &g)
            #expect(k.scalars.allSatisfy { abs($0) < (6.0 / (36 + 72)).squareRoot() })
        }

        @Test("He normal has standard deviation sqrt(2 / fanIn)")
        func heNormal() {
            var g = SeededGenerator(seed: 14)
            let w = Tensor<Double>(heNormal: [200, 300], using: &g)
            let deviation = (w * w).mean().scalar.squareRoot()
            #expect(abs(deviation - 0.1) < 0.002)
        }

        @Test("Bernoulli samples are 0 or 1 with the requested frequency")
        func bernoulli() {
            var g = SeededGenerator(seed: 15)
            let x = Tensor<Float>(bernoulli: [10_000], probability: 0.3, using: &g)
            #expect(x.scalars.allSatisfy { $0 == 0 || $0 == 1 })
            #expect(abs(x.mean().scalar - 0.3) < 0.02)
            #expect(Tensor<Float>(bernoulli: [10], probability: 0, using: &g) == Tensor(zeros: [10]))
            #expect(Tensor<Float>(bernoulli: [10], probability: 1, using: &g) == Tensor(ones: [10]))
        }
    }
}

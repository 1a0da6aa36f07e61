import Attacks
import MarginTestSupport
import Tensors
import Testing

@Suite("Gaussian noise")
struct GaussianNoiseTests {
    @Test("the noise has mean 0 and the requested standard deviation", arguments: [0.05, 0.3, 2.0])
    func standardDeviation(sigma: Double) {
        let x = Tensor<Double>(repeating: 0.5, shape: [200, 500])
        let noise = (addingGaussianNoise(to: x, standardDeviation: sigma, seed: 3) - x).scalars
        let mean = noise.reduce(0, +) / Double(noise.count)
        let std = (noise.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(noise.count - 1)).squareRoot()
        // 100,000 draws: the standard error of the mean is sigma / 316, of the std about sigma / 447.
        #expect(abs(mean) < 5 * sigma / 316)
        expectClose(std / sigma, 1, tolerance: 0.012)
    }

    @Test("the same seed gives the same noise, and clipping keeps the data range")
    func seededAndClipped() {
        let x = Tensor<Float>(repeating: 0.5, shape: [10, 10])
        #expect(addingGaussianNoise(to: x, standardDeviation: 1, seed: 1) == addingGaussianNoise(to: x, standardDeviation: 1, seed: 1))
        #expect(addingGaussianNoise(to: x, standardDeviation: 1, seed: 1) != addingGaussianNoise(to: x, standardDeviation: 1, seed: 2))
        let clipped = addingGaussianNoise(to: x, standardDeviation: 1, seed: 1, clippedTo: 0...1)
        #expect(clipped.scalars.allSatisfy { (0...1).contains($0) })
        #expect(addingGaussianNoise(to: x, standardDeviation: 0) == x)
    }
}

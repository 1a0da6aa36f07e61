import Models
import Tensors

/// The tour's large margin for two classes in the plane: the margin of each training point
/// measured at its nearest boundary point and pushed with a soft minimum, plus cross-entropy.
///
/// - Where the distance is measured: eq. 7 linearises the network at the training point, which
///   overestimates the distance of exactly the closest points near a bent ReLU boundary. Here
///   each point's nearest boundary point x* is found by the ray search of
///   `nearestBoundaryPoints2D` (32 rays out to three median fair shares, 8 steps, 8 bisections)
///   every `searchEvery` steps and kept in between, and the margin estimate is
///   m(x) = ||x - x*||₂ - d(x*), with d eq. 7 at x* (with its exact gradient), whose derivative
///   is that of the exact distance. A misclassified point, or one with no boundary within the
///   radius, is linearised at itself. (The idea of MMA training, Ding et al., ICLR 2020.)
/// - A soft minimum, T log(1 + exp(-m / T)), instead of the hinge max(0, γ - m): no target, and a
///   push on every point that falls off exponentially with its margin, on the scale of T, a share
///   (`temperatureShare`) of the batch's median fair share.
///
///     let loss = NearestBoundaryMarginLoss(temperatureShare: 0.1)
///     train(&model, optimizer: &optimizer, inputs: x, labels: y, options: options, loss: loss.loss)
///
/// The boundary points are kept per training point (by its coordinates), whatever the batch
/// order; one instance serves one model's training.
public final class NearestBoundaryMarginLoss {
    /// T as a share of the median fair share.
    public let temperatureShare: Double
    /// Training steps between two searches of the boundary points.
    public let searchEvery: Int
    /// Each point's offset to its boundary point, by the point's coordinates.
    private var offsets: [SIMD2<Float>: SIMD2<Float>] = [:]
    private var calls = 0

    /// The loss with temperature `temperatureShare` times the median fair share (positive), the
    /// boundary points searched every `searchEvery` steps.
    public init(temperatureShare: Double, searchEvery: Int = 25) {
        guard temperatureShare > 0 else {
            fatalError("the temperature is a share of the median fair share and must be positive, got \(temperatureShare)")
        }
        guard searchEvery >= 1 else { fatalError("the boundary points are searched every 1 step or more, got \(searchEvery)") }
        self.temperatureShare = temperatureShare
        self.searchEvery = searchEvery
    }

    /// The loss of `model` (two logits) on `batch` (points of shape [n, 2], labels 0 and 1).
    public func loss(_ model: Sequential<Float>, _ batch: LabeledBatch<Float>) -> Tensor<Float> {
        guard batch.inputs.rank == 2, batch.inputs.shape[1] == 2, batch.labels.allSatisfy({ $0 == 0 || $0 == 1 }) else {
            fatalError("NearestBoundaryMarginLoss needs 2-D points of shape [n, 2] with labels 0 and 1, got \(batch.inputs.shape)")
        }
        // T is the median share divided by the share's inverse: for 0.1, exactly a tenth.
        let divisor = Float(1 / temperatureShare)
        let count = batch.labels.count
        let shares = fairShares(of: batch.inputs.scalars, dimension: 2, labels: batch.labels, norm: .l2)
        let medianShare = shares.sorted()[count / 2]
        let t = medianShare / divisor  // T, in the plane's units
        let start = batch.inputs.withoutDerivative()
        let boundary = boundaryPoints(model, start, batch.labels, radius: 3 * medianShare)
        // One pass through the network for both: rows 0..<count the training points (for
        // cross-entropy), rows count..<2 count their boundary points (for eq. 7).
        let both = Tensor(concatenating: [start, boundary]).requiringGradient()
        let logits = model(both)
        let crossEntropy = softmaxCrossEntropy(logits: logits.slicing(axis: 0, range: 0..<count), labels: batch.labels)
        // Eq. 7 at the boundary points: (f_other - f_own) / ||grad (f_other - f_own)||, the
        // gradient recorded so that the loss is differentiated through its norm too.
        let difference = Tensor<Float>(oneHot: batch.labels.map { 1 - $0 }, classCount: 2)
            - Tensor<Float>(oneHot: batch.labels, classCount: 2)
        let gap = (logits.slicing(axis: 0, range: count..<(2 * count)) * difference).sum(alongAxes: [1])
        let slope = gradients(of: gap, withRespectTo: [both], seed: Tensor(ones: [count]), graph: .recorded)[0]
        let distance = gap / (slope.slicing(axis: 0, range: count..<(2 * count)).norm(.l2, alongAxes: [1]) + 1e-6)
        // Eq. 7 is negative on the correct side of the boundary: the margin estimate is offset - distance.
        let margin = (start - boundary).norm(.l2, alongAxes: [1]) - distance
        // log(1 + e^z) for z = -m / T, written so that it cannot overflow.
        let z = -margin / t
        let softHinge = relu(z) + log(exp(-abs(z)) + 1)
        return softHinge.mean() * t + crossEntropy
    }

    /// Each point's nearest boundary point: searched every `searchEvery` calls (and for points
    /// not seen before), else the stored offset; a misclassified point, or one with no boundary
    /// within `radius`, keeps itself.
    private func boundaryPoints(_ model: Sequential<Float>, _ inputs: Tensor<Float>, _ labels: [Int], radius: Float) -> Tensor<Float> {
        let xy = inputs.scalars
        let keys = labels.indices.map { SIMD2<Float>(xy[2 * $0], xy[2 * $0 + 1]) }
        if calls % searchEvery == 0 || keys.contains(where: { offsets[$0] == nil }) {
            let found = nearestBoundaryPoints2D(of: inputs, norm: .l2, maxRadius: Double(radius), directions: 32, steps: 8,
                                                bisections: 8) { model($0) }
            let predicted = withoutGradientRecording { model(inputs).argmax(alongAxis: 1) }
            for (i, key) in keys.enumerated() {
                let point = predicted[i] == labels[i] ? found[i].point : nil
                offsets[key] = point.map { SIMD2<Float>(Float($0.x), Float($0.y)) - key } ?? .zero
            }
        }
        calls += 1
        return Tensor(shape: inputs.shape, scalars: keys.flatMap { key -> [Float] in
            let point = key + offsets[key]!
            return [point.x, point.y]
        })
    }
}

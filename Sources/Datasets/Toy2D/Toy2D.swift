import Foundation
import Tensors

/// The toy 2-D classification problems of the large-margin experiments, each a seeded,
/// deterministic generator with balanced classes.
///
/// Every point is `shape(t) + noise * (z1, z2)` with `z1, z2` standard normal, and the
/// coordinates are *not* standardised: each case states its range (all lie within about
/// [-1.5, 1.5]^2 before noise). Noise is always drawn, even when it is 0, so for one seed
/// changing the noise level moves the same points further from the same curves.
///
///     let moons = try Toy2D.twoMoons(noise: 0.1).generate(count: 200, seed: 0)
///     moons.inputs.shape   // [200, 2]
///     moons.classCounts    // [100, 100]
///
/// Classes are balanced: with `k` classes, class `c` has `count / k` samples, plus one for
/// the first `count % k` classes. Samples come in a random order.
public enum Toy2D: Sendable, Hashable {
    /// Two interleaving half circles (as scikit-learn's `make_moons`), centred on the origin.
    ///
    /// With `t ~ U[0, pi)`: class 0 is `(cos t - 0.5, sin t - 0.25)`, the upper arc of the
    /// unit circle centred at (-0.5, -0.25); class 1 is `(0.5 - cos t, 0.25 - sin t)`, the
    /// same arc turned by 180 degrees about the origin. Range x in [-1.5, 1.5], y in
    /// [-0.75, 0.75], plus noise.
    case twoMoons(noise: Double = 0.1)

    /// Two concentric circles (as scikit-learn's `make_circles`).
    ///
    /// With `theta ~ U[0, 2 pi)`: class 0 is `(cos theta, sin theta)` (radius 1), class 1 is
    /// `factor * (cos theta, sin theta)`, with `0 < factor < 1`. Range: the unit disc, plus noise.
    case circles(noise: Double = 0.05, factor: Double = 0.5)

    /// `arms >= 2` interleaved Archimedean spirals, one class per arm.
    ///
    /// With `t ~ U[0, 1)`, arm `j` is `t * (cos phi, sin phi)` where
    /// `phi = 2 pi (turns * t + j / arms)`: radius grows from 0 to 1 while the angle makes
    /// `turns` full turns, and the arms are rotated by `2 pi / arms` from each other.
    /// Range: the unit disc, plus noise.
    case spirals(arms: Int = 2, noise: Double = 0.05, turns: Double = 1)

    /// `centers >= 2` isotropic Gaussian blobs, one class each, centred on the unit circle.
    ///
    /// Class `j` is `(cos(2 pi j / centers), sin(2 pi j / centers)) + standardDeviation * (z1, z2)`.
    case blobs(centers: Int = 3, standardDeviation: Double = 0.25)

    /// XOR: four Gaussian clusters, one per quadrant, two classes.
    ///
    /// Class 0 is centred at (0.5, 0.5) and (-0.5, -0.5) (where x * y > 0), class 1 at
    /// (-0.5, 0.5) and (0.5, -0.5); each point is its centre `+ standardDeviation * (z1, z2)`,
    /// and the two clusters of a class have sizes differing by at most one.
    case xor(standardDeviation: Double = 0.15)

    /// The number of classes this problem generates.
    public var classCount: Int {
        switch self {
        case .twoMoons, .circles, .xor: return 2
        case let .spirals(arms, _, _): return arms
        case let .blobs(centers, _): return centers
        }
    }

    /// `count` samples as a `Dataset<Float>` of inputs `[count, 2]`, decided by `seed`.
    ///
    ///     let spirals = try Toy2D.spirals(arms: 3, noise: 0.05, turns: 1.5).generate(count: 300, seed: 1)
    ///
    /// - Throws: `DatasetError.invalidParameter` if `count < 1` or a parameter of the case
    ///   breaks its stated requirement.
    public func generate(count: Int, seed: UInt64) throws -> Dataset<Float> {
        try generate(count: count, seed: seed, as: Float.self)
    }

    /// `count` samples with inputs of scalar type `Scalar`; the same points as
    /// `generate(count:seed:)` before rounding to that type.
    public func generate<Scalar: TensorScalar>(
        count: Int, seed: UInt64, as type: Scalar.Type
    ) throws -> Dataset<Scalar> {
        try validate()
        guard count >= 1 else {
            throw DatasetError.invalidParameter(
                name: "count", value: "\(count)", requirement: "at least 1", operation: "Toy2D.generate")
        }
        var generator = SeededGenerator(seed: seed)
        let k = classCount
        // Slot s of the balanced layout has label s % k; the permutation deals slots out.
        let slots = generator.permutation(count)
        var scalars: [Scalar] = []
        scalars.reserveCapacity(2 * count)
        for slot in slots {
            let (x, y) = point(label: slot % k, cluster: (slot / k) % 2, using: &generator)
            scalars.append(Scalar(x))
            scalars.append(Scalar(y))
        }
        return Dataset(
            unchecked: Tensor(shape: [count, 2], scalars: scalars), labels: slots.map { $0 % k }, classCount: k)
    }

    /// The case's name, as used in error messages.
    var name: String {
        switch self {
        case .twoMoons: return "Toy2D.twoMoons"
        case .circles: return "Toy2D.circles"
        case .spirals: return "Toy2D.spirals"
        case .blobs: return "Toy2D.blobs"
        case .xor: return "Toy2D.xor"
        }
    }

    /// Throws for a parameter that breaks its documented requirement.
    func validate() throws {
        func check(_ ok: Bool, _ parameter: String, _ value: CustomStringConvertible, _ requirement: String) throws {
            guard ok else {
                throw DatasetError.invalidParameter(
                    name: parameter, value: value.description, requirement: requirement, operation: name)
            }
        }
        func checkNonNegative(_ value: Double, _ parameter: String) throws {
            try check(value.isFinite && value >= 0, parameter, value, "finite and at least 0")
        }
        switch self {
        case let .twoMoons(noise):
            try checkNonNegative(noise, "noise")
        case let .circles(noise, factor):
            try checkNonNegative(noise, "noise")
            try check(factor > 0 && factor < 1, "factor", factor, "in (0, 1)")
        case let .spirals(arms, noise, turns):
            try check(arms >= 2, "arms", arms, "at least 2")
            try checkNonNegative(noise, "noise")
            try checkNonNegative(turns, "turns")
        case let .blobs(centers, standardDeviation):
            try check(centers >= 2, "centers", centers, "at least 2")
            try checkNonNegative(standardDeviation, "standardDeviation")
        case let .xor(standardDeviation):
            try checkNonNegative(standardDeviation, "standardDeviation")
        }
    }

    /// One point of class `label` (`cluster` picks the quadrant for XOR), drawing the curve
    /// parameter (if any) and then two standard normals from `generator`.
    func point(label: Int, cluster: Int, using generator: inout SeededGenerator) -> (Double, Double) {
        let x: Double, y: Double, noise: Double
        switch self {
        case let .twoMoons(n):
            let t = Double.pi * generator.nextUnitDouble()
            let sign: Double = label == 0 ? 1 : -1
            (x, y, noise) = (sign * (cos(t) - 0.5), sign * (sin(t) - 0.25), n)
        case let .circles(n, factor):
            let theta = 2 * Double.pi * generator.nextUnitDouble()
            let radius = label == 0 ? 1 : factor
            (x, y, noise) = (radius * cos(theta), radius * sin(theta), n)
        case let .spirals(arms, n, turns):
            let t = generator.nextUnitDouble()
            let phi = 2 * Double.pi * (turns * t + Double(label) / Double(arms))
            (x, y, noise) = (t * cos(phi), t * sin(phi), n)
        case let .blobs(centers, standardDeviation):
            let angle = 2 * Double.pi * Double(label) / Double(centers)
            (x, y, noise) = (cos(angle), sin(angle), standardDeviation)
        case let .xor(standardDeviation):
            let signY: Double = cluster == 0 ? 1 : -1
            let signX = label == 0 ? signY : -signY
            (x, y, noise) = (0.5 * signX, 0.5 * signY, standardDeviation)
        }
        let z1 = generator.nextNormal()
        let z2 = generator.nextNormal()
        return (x + noise * z1, y + noise * z2)
    }
}

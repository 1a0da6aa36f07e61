import Foundation
import Tensors
import Testing

@testable import Datasets

/// The points of a 2-D dataset as (x, y, label).
private func points(_ data: Dataset<Float>) -> [(x: Double, y: Double, label: Int)] {
    let s = data.inputs.scalars
    return (0..<data.count).map { (Double(s[2 * $0]), Double(s[2 * $0 + 1]), data.labels[$0]) }
}

/// Distance from p to the half of the unit circle around `center` lying above (or below) it:
/// the scikit-learn moon arcs, (cos t, sin t) and (1 - cos t, 1 - sin t - 0.5) for t in
/// [0, pi], after the documented shift by (-0.5, -0.25).
private func distanceToMoonArc(x: Double, y: Double, label: Int) -> Double {
    let (cx, cy, upper) = label == 0 ? (-0.5, -0.25, true) : (0.5, 0.25, false)
    let (qx, qy) = (x - cx, y - cy)
    if upper ? qy >= 0 : qy <= 0 { return abs(hypot(qx, qy) - 1) }
    return min(hypot(qx - 1, qy), hypot(qx + 1, qy))
}

private func rms(_ values: [Double]) -> Double {
    (values.map { $0 * $0 }.reduce(0, +) / Double(values.count)).squareRoot()
}

@Suite("Toy2D")
struct Toy2DTests {
    static let kinds: [Toy2D] = [
        .twoMoons(noise: 0.1), .circles(noise: 0.05, factor: 0.5), .spirals(arms: 2, noise: 0.05, turns: 1),
        .spirals(arms: 5, noise: 0.02, turns: 1.5), .blobs(centers: 3, standardDeviation: 0.2),
        .blobs(centers: 7, standardDeviation: 0.1), .xor(standardDeviation: 0.15),
    ]

    @Test("the same seed gives identical data; different seeds give different data", arguments: kinds)
    func determinism(kind: Toy2D) throws {
        let a = try kind.generate(count: 200, seed: 17)
        #expect(a == (try kind.generate(count: 200, seed: 17)))
        let b = try kind.generate(count: 200, seed: 18)
        #expect(a.inputs != b.inputs)
    }

    @Test("inputs are [count, 2] and classes are balanced to within one sample", arguments: kinds)
    func balance(kind: Toy2D) throws {
        for count in [1, 7, 301, 1000] {
            let data = try kind.generate(count: count, seed: 3)
            #expect(data.inputs.shape == [count, 2])
            #expect(data.classCount == kind.classCount)
            let k = kind.classCount
            #expect(data.classCounts == (0..<k).map { count / k + ($0 < count % k ? 1 : 0) })
        }
    }

    @Test("samples come in a random order, not grouped by class")
    func shuffledOrder() throws {
        let data = try Toy2D.twoMoons().generate(count: 100, seed: 0)
        #expect(data.labels != data.labels.sorted())
        #expect(data.labels != (0..<100).map { $0 % 2 })
    }

    @Test("noise-free moons lie on their scikit-learn arcs, in the documented range")
    func moonsOnArcs() throws {
        let data = try Toy2D.twoMoons(noise: 0).generate(count: 500, seed: 1)
        let all = points(data)
        #expect(all.map { distanceToMoonArc(x: $0.x, y: $0.y, label: $0.label) }.max()! < 1e-5)
        #expect(all.map { abs($0.x) }.max()! <= 1.5 + 1e-6)
        #expect(all.map { abs($0.y) }.max()! <= 0.75 + 1e-6)
    }

    @Test("noisy moons lie at the noise scale from their arcs", arguments: [0.05, 0.1, 0.2])
    func moonsNoise(noise: Double) throws {
        let data = try Toy2D.twoMoons(noise: noise).generate(count: 4000, seed: 2)
        let distances = points(data).map { distanceToMoonArc(x: $0.x, y: $0.y, label: $0.label) }
        // The normal part of N(0, noise^2 I) has RMS `noise`; curvature and the arc ends add a little.
        #expect(rms(distances) > 0.8 * noise && rms(distances) < 1.2 * noise)
    }

    @Test("the same seed moves the same points further from the arcs as noise grows")
    func noiseScalesOneRealisation() throws {
        let clean = try Toy2D.twoMoons(noise: 0).generate(count: 50, seed: 4)
        let noisy = try Toy2D.twoMoons(noise: 0.1).generate(count: 50, seed: 4)
        let noisier = try Toy2D.twoMoons(noise: 0.2).generate(count: 50, seed: 4)
        #expect(clean.labels == noisy.labels)
        let d1 = (noisy.inputs - clean.inputs).scalars, d2 = (noisier.inputs - clean.inputs).scalars
        #expect(zip(d1, d2).allSatisfy { abs(2 * Double($0) - Double($1)) < 1e-5 })
    }

    @Test("noise-free circles have radii 1 and factor", arguments: [0.3, 0.5, 0.8])
    func circleRadii(factor: Double) throws {
        let data = try Toy2D.circles(noise: 0, factor: factor).generate(count: 300, seed: 5)
        let radiusErrors = points(data).map { abs(hypot($0.x, $0.y) - ($0.label == 0 ? 1 : factor)) }
        #expect(radiusErrors.max()! < 1e-6)
    }

    @Test("noisy circles keep the ratio of mean radii near the factor", arguments: [0.3, 0.5, 0.8])
    func circleRatio(factor: Double) throws {
        let data = try Toy2D.circles(noise: 0.03, factor: factor).generate(count: 4000, seed: 6)
        func meanRadius(_ label: Int) -> Double {
            let r = points(data).filter { $0.label == label }.map { hypot($0.x, $0.y) }
            return r.reduce(0, +) / Double(r.count)
        }
        #expect(abs(meanRadius(1) / meanRadius(0) - factor) < 0.005)
    }

    @Test("spirals have one class per arm, each point on its arm's curve", arguments: [2, 3, 6])
    func spiralArms(arms: Int) throws {
        let turns = 1.25
        let data = try Toy2D.spirals(arms: arms, noise: 0, turns: turns).generate(count: 600, seed: 7)
        #expect(Set(data.labels) == Set(0..<arms))
        // Each point's arm j solves angle(p) = 2 pi (turns r + j / arms) modulo one turn;
        // the offset is how far that j is from the label, modulo arms.
        let offsets = points(data).filter { hypot($0.x, $0.y) > 1e-3 }.map { p -> Double in
            let r = hypot(p.x, p.y)
            let arm = Double(arms) * (atan2(p.y, p.x) / (2 * Double.pi) - turns * r)
            let offset = (arm - Double(p.label)).truncatingRemainder(dividingBy: Double(arms))
            return min(abs(offset), Double(arms) - abs(offset))
        }
        #expect(offsets.count > 590)
        #expect(offsets.max()! < 1e-3)
        #expect(points(data).map { hypot($0.x, $0.y) }.max()! < 1 + 1e-6)
    }

    @Test("blobs centre on the unit circle with the given spread")
    func blobs() throws {
        let (k, sd) = (5, 0.2)
        let data = try Toy2D.blobs(centers: k, standardDeviation: sd).generate(count: 5000, seed: 8)
        for j in 0..<k {
            let members = points(data).filter { $0.label == j }
            let n = Double(members.count)
            let mean = (members.map(\.x).reduce(0, +) / n, members.map(\.y).reduce(0, +) / n)
            let angle = 2 * Double.pi * Double(j) / Double(k)
            #expect(hypot(mean.0 - cos(angle), mean.1 - sin(angle)) < 4 * sd / n.squareRoot())
            let spread = rms(members.map { $0.x - mean.0 } + members.map { $0.y - mean.1 })
            #expect(abs(spread / sd - 1) < 0.1)
        }
    }

    @Test("XOR labels are the sign of x * y, with four quadrant clusters of equal size")
    func xor() throws {
        let data = try Toy2D.xor(standardDeviation: 0.1).generate(count: 202, seed: 9)
        var quadrants = [String: Int]()
        for p in points(data) { quadrants["\(p.x > 0)\(p.y > 0)", default: 0] += 1 }
        #expect(points(data).filter { $0.label != ($0.x * $0.y > 0 ? 0 : 1) }.isEmpty)
        #expect(quadrants.count == 4)
        #expect(quadrants.values.allSatisfy { $0 == 50 || $0 == 51 })
    }

    @Test("generating as Double gives the same points before rounding to Float", arguments: kinds)
    func doublePrecision(kind: Toy2D) throws {
        let wide = try kind.generate(count: 64, seed: 10, as: Double.self)
        #expect(wide.converted(to: Float.self) == (try kind.generate(count: 64, seed: 10)))
    }

    @Test(
        "invalid parameters are errors with the exact text",
        arguments: [
            (Toy2D.twoMoons(noise: -0.1), "Toy2D.twoMoons: noise must be finite and at least 0, got -0.1"),
            (.circles(noise: 0.1, factor: 1), "Toy2D.circles: factor must be in (0, 1), got 1.0"),
            (.circles(noise: .nan, factor: 0.5), "Toy2D.circles: noise must be finite and at least 0, got nan"),
            (.spirals(arms: 1), "Toy2D.spirals: arms must be at least 2, got 1"),
            (.spirals(turns: -1), "Toy2D.spirals: turns must be finite and at least 0, got -1.0"),
            (.blobs(centers: 0), "Toy2D.blobs: centers must be at least 2, got 0"),
            (.xor(standardDeviation: .infinity), "Toy2D.xor: standardDeviation must be finite and at least 0, got inf"),
        ])
    func invalidParameters(kind: Toy2D, text: String) {
        let error = #expect(throws: DatasetError.self) { try kind.generate(count: 10, seed: 0) }
        #expect(error?.description == text)
    }

    @Test("a count below 1 is an error")
    func emptyCount() {
        let error = #expect(throws: DatasetError.self) { try Toy2D.twoMoons().generate(count: 0, seed: 0) }
        #expect(error?.description == "Toy2D.generate: count must be at least 1, got 0")
    }
}

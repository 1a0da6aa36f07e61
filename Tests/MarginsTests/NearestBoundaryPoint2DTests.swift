import Foundation
import MarginTestSupport
import Margins
import Tensors
import Testing

@Suite("Nearest 2-D boundary point")
struct NearestBoundaryPoint2DTests {
    /// The linear classifier of `ExactDistance2DTests`: boundary 1.5 x - 0.5 y + 0.25 = 0.
    static let weight = Tensor<Double>([[0, 1.5], [0, -0.5]])
    static let bias = Tensor<Double>([0, 0.25])
    static let points = Tensor<Double>([[0.3, -0.2], [-1.0, 0.4], [0.5, 0.5], [0.1, 2.0]])

    @Test("for a linear classifier the l2 nearest point is the orthogonal projection onto the line")
    func projection() throws {
        let found = nearestBoundaryPoints2D(of: Self.points, norm: .l2, maxRadius: 3, directions: 720) {
            matmul($0, Self.weight) + Self.bias
        }
        let (w, b) = (SIMD2<Double>(1.5, -0.5), 0.25)
        let x = Self.points.scalars
        for (i, nearest) in found.enumerated() {
            let point = SIMD2(x[2 * i], x[2 * i + 1])
            let value = (w * point).sum() + b
            let projection = point - value / (w * w).sum() * w
            let distance = abs(value) / (w * w).sum().squareRoot()
            #expect(abs(nearest.distance - distance) <= 1e-4 * max(1, distance), "point \(i): \(nearest.distance) against \(distance)")
            let found = try #require(nearest.point)
            // Off the projection by at most the distance times the angular step (pi / 360), plus the bisection's width.
            let off = ((found - projection) * (found - projection)).sum().squareRoot()
            #expect(off <= distance * Double.pi / 360 + 1e-6, "point \(i): \(found) against the projection \(projection)")
            // The point lies on the boundary, just past it: the crossing that defines the distance.
            #expect(abs((w * found).sum() + b) <= 1e-6, "point \(i): \(found) is off the line")
            #expect(abs(((found - point) * (found - point)).sum().squareRoot() - nearest.distance) <= 1e-12)
        }
    }

    @Test("with a curved boundary (a circle) the nearest crossing is found from inside and from outside")
    func curvedBoundary() throws {
        // Class 1 inside the unit circle: from (0, 0.5) the nearest boundary point is (0, 1)
        // at distance 0.5; from (0, 3) outside it is (0, 1) at distance 2.
        let inside = Tensor<Double>([[0, 0.5], [0, 3]])
        let found = nearestBoundaryPoints2D(of: inside, norm: .l2, maxRadius: 4, directions: 360, steps: 64) { xy in
            let r2 = (xy * xy).sum(alongAxes: [1]).reshaped(to: [xy.shape[0], 1])
            return Tensor(concatenating: [r2 - 1, 1 - r2], alongAxis: 1)
        }
        #expect(abs(found[0].distance - 0.5) <= 1e-6)
        #expect(abs(found[1].distance - 2) <= 1e-6)
        let near = try #require(found[0].point), far = try #require(found[1].point)
        #expect(abs(near.x) <= 1e-9 && abs(near.y - 1) <= 1e-6, "found \(near)")
        #expect(abs(far.x) <= 1e-9 && abs(far.y - 1) <= 1e-6, "found \(far)")
    }

    @Test("rays left once they cannot come nearer change nothing: the answer of following every ray", arguments: [Norm.l1, .l2, .lInfinity])
    func leavingRaysChangesNothing(norm: Norm) {
        // A wavy boundary, y = 0.3 sin(3 x): many rays cross it, at different distances.
        let score = { (xy: Tensor<Double>) -> Tensor<Double> in
            let s = xy.scalars
            let margin = (0..<xy.shape[0]).map { s[2 * $0 + 1] - 0.3 * sin(3 * s[2 * $0]) }
            return Tensor(shape: [xy.shape[0], 2], scalars: margin.flatMap { [$0, -$0] })
        }
        let points = Tensor<Double>([[0, 0.5], [1, -0.6], [-0.7, 0.1], [0.4, 0.35], [2, 1.5]])
        let (directions, steps, bisections, maxRadius) = (48, 12, 20, 2.0)
        let found = nearestBoundaryPoints2D(of: points, norm: norm, maxRadius: maxRadius, directions: directions, steps: steps,
                                            bisections: bisections, scoring: score)
        // Every ray marched and bisected to the end, one at a time.
        let x = points.scalars
        for p in 0..<points.shape[0] {
            let label = { (radius: Double, angle: Double) -> Bool in
                let probe = Tensor<Double>(shape: [1, 2], scalars: [x[2 * p] + radius * cos(angle), x[2 * p + 1] + radius * sin(angle)])
                return score(probe).scalars[0] > score(probe).scalars[1]
            }
            let own = label(0, 0)
            var best = Double.infinity
            for k in 0..<directions {
                let angle = 2 * Double.pi * Double(k) / Double(directions)
                guard let step = (1...steps).first(where: { label(maxRadius * Double($0) / Double(steps), angle) != own }) else { continue }
                var (inside, outside) = (maxRadius * Double(step - 1) / Double(steps), maxRadius * Double(step) / Double(steps))
                for _ in 0..<bisections {
                    let middle = (inside + outside) / 2
                    if label(middle, angle) != own { outside = middle } else { inside = middle }
                }
                let (u, v) = (cos(angle), sin(angle))
                let length: Double = switch norm {
                case .l1: abs(u) + abs(v)
                case .lInfinity: max(abs(u), abs(v))
                default: 1
                }
                best = min(best, outside * length)
            }
            #expect(found[p].distance == best, "point \(p) in \(norm): \(found[p].distance) against \(best)")
        }
    }

    @Test("no boundary within the radius: infinite distance and no point; the distances agree with exactDistances2D")
    func agreesWithDistances() {
        let points = Tensor<Double>([[50, 0], [0.3, -0.2]])
        let score = { (x: Tensor<Double>) in matmul(x, Self.weight) + Self.bias }
        let found = nearestBoundaryPoints2D(of: points, norm: .lInfinity, maxRadius: 1, scoring: score)
        #expect(found[0] == NearestBoundaryPoint2D(distance: .infinity, point: nil))
        #expect(found.map(\.distance) == exactDistances2D(of: points, norm: .lInfinity, maxRadius: 1, scoring: score))
    }
}

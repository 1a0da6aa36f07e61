import Experiments
import Foundation
import Testing

@Suite("Paired comparisons and grids")
struct PairedComparisonAndGridTests {
    @Test("a paired comparison: differences, wins, losses, ties and the t-test's p-value by hand")
    func pairedComparison() {
        let c = PairedComparison(
            model: "m", baseline: "b", quantity: "q", seeds: [0, 1, 2, 3], modelValues: [3, 5, 4, 6], baselineValues: [1, 2, 4, 3])
        // differences 2, 3, 0, 3: mean 2, standard deviation sqrt(2), t = 2 / (sqrt(2) / 2) = 2 sqrt(2), 3 degrees of freedom
        #expect(c.difference.mean == 2)
        #expect((c.wins, c.losses, c.ties) == (3, 0, 1))
        let t = 2 * 2.0.squareRoot()
        let cdf3 = 0.5 + (t / (3.0.squareRoot() * (1 + t * t / 3)) + atan(t / 3.0.squareRoot())) / Double.pi
        #expect(abs(c.pValue - 2 * (1 - cdf3)) < 1e-12)
        let lower = PairedComparison(
            model: "m", baseline: "b", quantity: "loss", seeds: [0, 1], modelValues: [1, 2], baselineValues: [2, 2],
            higherIsBetter: false)
        #expect((lower.wins, lower.losses, lower.ties) == (1, 0, 1))
        let constant = PairedComparison(
            model: "m", baseline: "b", quantity: "q", seeds: [0, 1, 2], modelValues: [2, 2, 2], baselineValues: [1, 1, 1])
        #expect(constant.pValue == 0)
    }

    @Test("grid points: the product of the lists, the first parameter varying slowest")
    func gridPoints() {
        let grid = HyperparameterGrid(["a": [1, 2], "b": [0.5, 0.25, 0.125]])
        #expect(grid.points.map { [$0["a"], $0["b"]] } == [[1, 0.5], [1, 0.25], [1, 0.125], [2, 0.5], [2, 0.25], [2, 0.125]])
        #expect(grid.points[4].description == "a=2, b=0.25")
        #expect(HyperparameterGrid().points.map(\.description) == ["-"])
    }
}

import Sweeps
import Testing

@Suite("Sweep point names")
struct SweepPointTests {
    private func point(_ pairs: [(String, String)], seed: Int? = nil) -> SweepPoint {
        SweepPoint(parameters: pairs.map { SweepPoint.Parameter(name: $0.0, value: $0.1) }, seed: seed)
    }

    @Test("a point's folder lists its parameters sorted by name, then its seed")
    func readable() {
        #expect(point([("steps", "200"), ("quick", "true")], seed: 3).directoryName == "quick=true,steps=200,seed=3")
        #expect(point([]).directoryName == "default")
        #expect(point([], seed: 0).directoryName == "seed=0")
    }

    @Test("characters that are unsafe or ambiguous in a file name are escaped as %XX")
    func escaping() {
        #expect(point([("path", "a/b")]).directoryName == "path=a%2Fb")
        #expect(point([("label", "x y%")]).directoryName == "label=x%20y%25")
        #expect(point([("label", "..")]).directoryName == "label=%2E.")
        #expect(point([("greek", "γ")]).directoryName == "greek=%CE%B3")
        #expect(point([("rate", "1e-3"), ("norm", "l2")]).directoryName == "norm=l2,rate=1e-3")
    }

    @Test("different points get different folders, even with values that look like separators")
    func collisionFree() {
        let points = [
            point([("a", "1,b=2")]), point([("a", "1"), ("b", "2")]), point([("a", "1%2Cb=2")]),
            point([("a", "x/y")]), point([("a", "x%2Fy")]), point([("a", "1")], seed: 0),
        ]
        let names = points.map(\.directoryName)
        #expect(Set(names).count == names.count, "\(names)")
        #expect(names.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") })
    }

    @Test("within a grid, even a parameter called seed beside --seeds gives distinct folders")
    func seedParameter() throws {
        let grid = try SweepGrid(axes: [SweepAxis(argument: "seed=0,1")], seeds: 2)
        let names = grid.points.map(\.directoryName)
        #expect(Set(names).count == 4, "\(names)")
    }

    @Test("a very long name is cut below file-name limits and ends in a hash of the whole")
    func long() {
        let a = point([("text", String(repeating: "a", count: 300) + "1")]).directoryName
        let b = point([("text", String(repeating: "a", count: 300) + "2")]).directoryName
        #expect(a.utf8.count <= 200)
        #expect(a != b)
    }
}

import Sweeps
import Testing

@Suite("Sweep grids")
struct SweepGridTests {
    @Test("-p name=v1,v2 parses into an axis; one value is an axis of one point")
    func axisParsing() throws {
        let axis = try SweepAxis(argument: "trainCount=30,60")
        #expect(axis.name == "trainCount")
        #expect(axis.values == ["30", "60"])
        #expect(axis.isSwept)
        #expect(try SweepAxis(argument: "quick=true").isSwept == false)
        // A value may hold '=' (only the first one splits).
        #expect(try SweepAxis(argument: "label=a=b").values == ["a=b"])
    }

    @Test("malformed -p arguments are refused, naming the problem", arguments: [
        ("steps", "a sweep parameter is name=v1,v2,..., not \"steps\""),
        ("=3", "a sweep parameter is name=v1,v2,..., not \"=3\""),
        ("steps=", "parameter steps has an empty value: give -p steps=v1,v2,... with no empty entry"),
        ("steps=1,,2", "parameter steps has an empty value: give -p steps=v1,v2,... with no empty entry"),
        ("steps=1,1", "parameter steps lists the value 1 twice"),
        ("2x=1", "\"2x\" is not a parameter name (a Swift identifier such as trainCount)"),
    ])
    func malformed(argument: String, message: String) {
        #expect(throws: SweepError(message)) { try SweepAxis(argument: argument) }
    }

    @Test("the grid is the product of the axes, the last varying fastest")
    func product() throws {
        let grid = try SweepGrid(axes: [SweepAxis(argument: "a=1,2"), SweepAxis(argument: "b=x,y,z")])
        #expect(grid.points.count == 6)
        #expect(grid.points.map { $0.runParameters.map(\.value).joined() } == ["1x", "1y", "1z", "2x", "2y", "2z"])
        #expect(grid.sweptNames == ["a", "b"])
        #expect(grid.points.allSatisfy { $0.seed == nil })
    }

    @Test("--seeds N makes each seed a run of its own with seeds=1 and firstSeed=S")
    func seeds() throws {
        let grid = try SweepGrid(axes: [SweepAxis(argument: "quick=true"), SweepAxis(argument: "trainCount=30,60")], seeds: 2)
        #expect(grid.seeds == [0, 1])
        #expect(grid.sweptNames == ["trainCount"])
        #expect(grid.points.map(\.directoryName) == [
            "quick=true,trainCount=30,seed=0", "quick=true,trainCount=30,seed=1",
            "quick=true,trainCount=60,seed=0", "quick=true,trainCount=60,seed=1",
        ])
        #expect(grid.points[1].runArguments == ["-p", "quick=true", "-p", "trainCount=30", "-p", "seeds=1", "-p", "firstSeed=1"])
    }

    @Test("a single -p firstSeed= is where --seeds starts")
    func firstSeed() throws {
        let grid = try SweepGrid(axes: [SweepAxis(argument: "firstSeed=5")], seeds: 3)
        #expect(grid.seeds == [5, 6, 7])
        #expect(grid.axes.isEmpty)
        #expect(grid.points.map(\.directoryName) == ["seed=5", "seed=6", "seed=7"])
    }

    @Test("--seeds with -p seeds=, or with several firstSeed values, or a parameter given twice, is refused")
    func contradictions() throws {
        #expect(throws: SweepError("give either --seeds 2 or -p seeds=..., not both: --seeds runs each seed separately with seeds=1")) {
            try SweepGrid(axes: [SweepAxis(argument: "seeds=3")], seeds: 2)
        }
        #expect(throws: SweepError("with --seeds, -p firstSeed= takes one whole number (the first seed), not 0,10")) {
            try SweepGrid(axes: [SweepAxis(argument: "firstSeed=0,10")], seeds: 2)
        }
        #expect(throws: SweepError("parameter a is given twice: list its values once, -p a=v1,v2,...")) {
            try SweepGrid(axes: [SweepAxis(argument: "a=1"), SweepAxis(argument: "a=2")])
        }
        #expect(throws: SweepError("--seeds must be at least 1, not 0")) { try SweepGrid(axes: [], seeds: 0) }
    }
}

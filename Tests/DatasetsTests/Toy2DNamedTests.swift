import Datasets
import Testing

@Suite("Toy problems by name")
struct Toy2DNamedTests {
    @Test("each name gives the notebooks' problem with its settings")
    func names() throws {
        #expect(try Toy2D.named("moons") == .twoMoons(noise: 0.1))
        #expect(try Toy2D.named("circles") == .circles(noise: 0.05, factor: 0.5))
        #expect(try Toy2D.named("spirals") == .spirals(arms: 3, noise: 0.05, turns: 1))
        #expect(try Toy2D.named("blobs") == .blobs(centers: 10, standardDeviation: 0.15))
        #expect(try Toy2D.named("xor") == .xor(standardDeviation: 0.15))
        #expect(try Toy2D.named("blobs").classCount == 10)
        #expect(Toy2D.names == ["moons", "circles", "spirals", "blobs", "xor"])
    }

    @Test("an unknown name throws, naming the known ones")
    func unknownName() {
        #expect(throws: DatasetError.self) { try Toy2D.named("moon") }
        do {
            _ = try Toy2D.named("moon")
        } catch {
            #expect("\(error)".contains("one of moons, circles, spirals, blobs, xor"))
        }
    }
}

import Testing
@testable import SwiftSession

@Suite("TypedCompletion: the user's names before protocol noise")
struct TypedCompletionTests {
    @Test("instance methods reached through a type, then hash and hashValue, go last, each in their order")
    func noiseLast() {
        let matches = [
            TypedCompletion(text: "blobs", type: "enum case", signature: "case blobs(centers: Int)"),
            TypedCompletion(text: "hash", type: "method", signature: "func hash(_ self: Toy2D) -> (inout Hasher) -> Void"),
            TypedCompletion(text: "generate", type: "method", signature: "func generate(_ self: Toy2D) -> (Int, UInt64) -> Dataset<Float>"),
            TypedCompletion(text: "twoMoons", type: "enum case", signature: "case twoMoons(noise: Double)"),
            TypedCompletion(text: "hashValue", type: "property", signature: "var hashValue: Int"),
            TypedCompletion(text: "sparseTrainDenseTest", type: "method", signature: "func sparseTrainDenseTest(trainCount: Int) -> Dataset<Float>"),
        ]
        #expect(TypedCompletion.userNamesFirst(matches).map(\.text)
            == ["blobs", "twoMoons", "sparseTrainDenseTest", "generate", "hash", "hashValue"])
    }
}

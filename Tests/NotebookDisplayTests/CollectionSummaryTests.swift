import Foundation
import Testing

@testable import NotebookDisplay

@Suite("CollectionSummary: long collections show their ends")
struct CollectionSummaryTests {
    @Test("a long array shows its type, count and three elements at each end")
    func longArray() {
        let text = DisplayBundle.of(Array(0..<10_000)).data["text/plain"]
        #expect(text == "Array<Int> of 10000 elements\n[0, 1, 2, ..., 9997, 9998, 9999]")
        let doubles = DisplayBundle.of((0..<2000).map { Double($0) / 2 }).data["text/plain"]
        #expect(doubles == "Array<Double> of 2000 elements\n[0.0, 0.5, 1.0, ..., 998.5, 999.0, 999.5]")
    }

    @Test("up to the threshold an array shows as Swift prints it")
    func shortArray() {
        let values = Array(0..<CollectionSummary.threshold)
        #expect(DisplayBundle.of(values).data["text/plain"] == String(describing: values))
        #expect(DisplayBundle.of(["a", "b"]).data["text/plain"] == #"["a", "b"]"#)
        #expect(CollectionSummary.text(of: "a string is no array") == nil)
        #expect(CollectionSummary.text(of: 42) == nil)
    }

    @Test("strings stay quoted, and a short array of long arrays shortens each")
    func elements() {
        let words = (0..<1001).map { "w\($0)" }
        #expect(CollectionSummary.text(of: words) == #"Array<String> of 1001 elements"# + "\n" + #"["w0", "w1", "w2", ..., "w998", "w999", "w1000"]"#)
        let rows = [Array(0..<5000), [7]]
        #expect(CollectionSummary.text(of: rows) == "[[0, 1, 2, ..., 4997, 4998, 4999], [7]]")
    }

    @Test("a long dictionary shows key: value pairs")
    func dictionary() throws {
        let squares = Dictionary(uniqueKeysWithValues: (0..<1500).map { ($0, $0 * $0) })
        let text = try #require(CollectionSummary.text(of: squares))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == "Dictionary<Int, Int> of 1500 elements")
        #expect(lines[1].hasPrefix("[") && lines[1].contains(", ..., ") && lines[1].hasSuffix("]"))
        let pairs = lines[1].dropFirst().dropLast().components(separatedBy: ", ").filter { $0 != "..." }
        #expect(pairs.count == 6)
        for pair in pairs {
            let parts = pair.components(separatedBy: ": ").compactMap { Int($0) }
            #expect(parts.count == 2 && parts[0] * parts[0] == parts[1], "\(pair)")
        }
    }
}

import NotebookDisplay
import Testing

@Suite("Display and widget ids", .serialized)
struct DisplayIDTests {
    @Test("ids are 32 hex digits: the msg_id's FNV-1a hash, the run number and the count within the run")
    func shape() {
        DisplayID.begin(messageID: "", runNumber: 5)
        // FNV-1a 64 of the empty string is its offset basis.
        #expect(DisplayID.next() == "cbf29ce484222325" + "00000005" + "00000001")
        DisplayID.begin(messageID: "a", runNumber: 0x1_0000_0002)
        // FNV-1a 64 of "a" (the published test vector); the run number keeps its last 8 digits.
        #expect(DisplayID.next() == "af63dc4c8601ec8c" + "00000002" + "00000001")
        #expect(DisplayID.fresh("progress") == "progress-af63dc4c8601ec8c" + "00000002" + "00000002")
    }

    @Test("the same run gives the same ids again; another run number or msg_id gives others")
    func sameRunSameIDs() {
        DisplayID.begin(messageID: "", runNumber: 3)
        let first = (0..<3).map { _ in DisplayID.next() }
        DisplayID.begin(messageID: "", runNumber: 3)
        let again = (0..<3).map { _ in DisplayID.next() }
        DisplayID.begin(messageID: "", runNumber: 4)
        let nextRun = (0..<3).map { _ in DisplayID.next() }
        DisplayID.begin(messageID: "3f2c", runNumber: 3)
        let otherRequest = (0..<3).map { _ in DisplayID.next() }
        #expect(first == again)
        #expect(Set(first).count == 3)
        #expect(Set(first + nextRun + otherRequest).count == 9)
    }
}

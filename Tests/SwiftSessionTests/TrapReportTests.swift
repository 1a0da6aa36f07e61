import Testing
@testable import SwiftSession

@Suite struct TrapReportTests {
    @Test func usesTheRuntimesMessage() {
        let report = TrapReport(signal: 4, runtimeOutput: "out\nSwift/Array.swift:418: Fatal error: Index out of range\n", cellLabel: "Cell In[2]")
        #expect(report.message == "Fatal error: Index out of range")
    }

    @Test func namesTheCellLineWhenTheMessageCarriesIt() {
        let report = TrapReport(signal: 5, runtimeOutput: "Cell7/Cell In[7]:3: Fatal error: boom\n", cellLabel: "Cell In[7]")
        #expect(report.message == "Fatal error: boom (Cell In[7], line 3)")
    }

    @Test func explainsTheSignalWhenNothingWasPrinted() {
        let report = TrapReport(signal: 11, runtimeOutput: "", cellLabel: "Cell In[1]")
        #expect(report.message.contains("segmentation fault"))
        #expect(report.message.contains("stack overflow"))
    }

    @Test func placesALibraryTrapAtTheInnermostCellLine() {
        let report = TrapReport(
            signal: 4, runtimeOutput: "Models/Dense.swift:38: Fatal error: shape mismatch\n",
            cellLocations: ["Cell In[5]:2:7", "Cell In[6]:1:1"], cellLabel: "Cell In[6]")
        #expect(report.message == "Fatal error: shape mismatch (Cell In[5], line 2)")
        #expect(report.details == ["Fatal error: shape mismatch", "  at Cell In[5]:2:7",
                                   "  at Cell In[6]:1:1", "the cell's process stopped: a Swift runtime trap, e.g. an integer overflow or a failed precondition (signal 4)"])
    }

    @Test func aCellsOwnTrapKeepsItsLineWithoutTheModuleName() {
        let report = TrapReport(signal: 4, runtimeOutput: "Cell2/Cell In[3]:2: Fatal error: too big\n",
                                cellLocations: ["Cell In[3]:2:16"], cellLabel: "Cell In[5]")
        #expect(report.message == "Fatal error: too big (Cell In[3], line 2)")
        #expect(report.details.first == "Cell In[3]:2: Fatal error: too big")
    }

    @Test func aLineThatCallsTwiceInARowShowsOnce() {
        let report = TrapReport(
            signal: 4, runtimeOutput: "Tensors/ShapeError.swift:36: Fatal error: shape mismatch\n",
            cellLocations: ["Cell In[1]:3:11", "Cell In[1]:3:5", "Cell In[1]:3:5", "Cell In[2]:1:1"], cellLabel: "Cell In[2]")
        #expect(report.details.filter { $0.hasPrefix("  at ") } == ["  at Cell In[1]:3:11", "  at Cell In[1]:3:5", "  at Cell In[2]:1:1"])
        #expect(!report.details.joined().contains("ShapeError.swift"))
    }

    @Test func theFramesComeFromTheLastStackTrace() {
        // The runtime's trace (unoptimised code prints one), then the executor's trap handler's.
        let lines: [Substring] = [
            "Current stack trace:",
            "0    libswiftCore.so    0x00007f0000001000 _assertionFailure + 10",
            "3    libCell4.so    0x00007f0000002000 f(_:) + 20",
            "Current stack trace:",
            "5 libCell4.so 0x00007f0000002000 <unavailable> + 4660",
        ]
        #expect(CellBacktrace.cellFrames(in: lines) == [CellBacktrace.Frame(library: "libCell4.so", function: nil, offset: 4660)])
    }
}

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
        #expect(report.details == ["Models/Dense.swift:38: Fatal error: shape mismatch", "  at Cell In[5]:2:7",
                                   "  at Cell In[6]:1:1", "the cell's process stopped: a Swift runtime trap, e.g. an integer overflow or a failed precondition (signal 4)"])
    }
}

import Testing
@testable import SwiftSession

@Suite struct TrapReportTests {
    @Test func usesTheRuntimesMessage() {
        let report = TrapReport(signal: 4, standardErrorTail: "out\nSwift/Array.swift:418: Fatal error: Index out of range\n", cellLabel: "Cell In[2]")
        #expect(report.message == "Fatal error: Index out of range")
    }

    @Test func namesTheCellLineWhenTheMessageCarriesIt() {
        let report = TrapReport(signal: 5, standardErrorTail: "Cell7/Cell In[7]:3: Fatal error: boom\n", cellLabel: "Cell In[7]")
        #expect(report.message == "Fatal error: boom (Cell In[7], line 3)")
    }

    @Test func explainsTheSignalWhenNothingWasPrinted() {
        let report = TrapReport(signal: 11, standardErrorTail: "", cellLabel: "Cell In[1]")
        #expect(report.message.contains("segmentation fault"))
        #expect(report.message.contains("stack overflow"))
    }
}

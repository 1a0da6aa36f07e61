import Plotting
import Testing

@Suite("Line plots side by side")
struct LinePlotsTests {
    let left = LinePanel(
        series: [Series(name: "a", xs: [0, 0.1], ys: [0.9, 0.5]), Series(name: "b", xs: [0, 0.1], ys: [0.8, 0.6], dashed: true)],
        title: "white-box", xLabel: "epsilon", yLabel: "accuracy", yRange: 0...1, legend: .hidden)
    let right = LinePanel(
        series: [Series(name: "a", xs: [0, 0.1], ys: [0.9, 0.7])], title: "black-box", xLabel: "epsilon", yLabel: "accuracy",
        yRange: 0...1, legend: .bottomLeft)

    @Test("one panel draws exactly what linePlot draws with the same arguments")
    func onePanel() {
        let figure = linePlots([right], panelWidth: 640, height: 420)
        let plain = linePlot(series: right.series, title: "black-box", xLabel: "epsilon", yLabel: "accuracy", yRange: 0...1,
                             legend: .bottomLeft, width: 640, height: 420)
        #expect(figure.body == plain.body)
        #expect(figure.description == "Figure: line plots: black-box, 1 panel, 640x420")
    }

    @Test("panels side by side: each panel's data and settings as its own line plot, in one multiplot")
    func sideBySide() throws {
        let figure = linePlots([left, right], summary: "accuracy under attack", panelWidth: 300, height: 200)
        #expect(figure.description == "Figure: accuracy under attack, 600x200")
        #expect(linePlots([left, right]).description == "Figure: line plots: white-box | black-box, 2 panels, 960x380")
        // The data blocks first (the second panel's renamed apart), then the layout and each
        // panel's commands as linePlot writes them.
        let alone = [left, right].map {
            linePlot(series: $0.series, title: $0.title, xLabel: $0.xLabel, yLabel: $0.yLabel, yRange: $0.yRange, legend: $0.legend).body
        }
        let (leftData, leftCommands) = try split(alone[0])
        let (rightData, rightCommands) = try split(alone[1].replacingOccurrences(of: "$series0_", with: "$series1_"))
        #expect(figure.body == leftData + rightData + "set multiplot layout 1,2\n" + leftCommands + rightCommands + "unset multiplot\n")
        #expect(figure.body.contains("$series1_0 << EOD\n0 0.9\n0.1 0.7\nEOD\n"))
        #expect(figure.body.contains("set key bottom left"))
        #expect(figure.body.contains("dt 2"))
        #expect(ImageBytes.pngSize(try figure.png()).map { [$0.width, $0.height] } == [600, 200])
    }

    /// A one-panel body as its data blocks and its commands (from "reset" on).
    private func split(_ body: String) throws -> (data: String, commands: String) {
        let start = try #require(body.range(of: "reset\n")).lowerBound
        return (String(body[..<start]), String(body[start...]))
    }
}

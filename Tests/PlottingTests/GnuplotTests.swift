import Foundation
@testable import MarginFigures
@testable import Plotting
import Testing

@Suite("Gnuplot")
struct GnuplotTests {
    @Test("a PNG comes back on standard output with the requested size")
    func pngHasRequestedSize() throws {
        let figure = Figure(summary: "sine", width: 321, height: 123, body: "plot sin(x) title \"sine\"")
        let png = try figure.png()
        #expect(ImageBytes.isPNG(png))
        let size = try #require(ImageBytes.pngSize(png))
        #expect(size.width == 321)
        #expect(size.height == 123)
    }

    @Test("an SVG contains <svg and the title, verbatim and escaped for XML")
    func svgHasTitle() throws {
        let figure = linePlot(
            series: [Series(name: "a_b", xs: [1, 2, 3], ys: [3, 1, 2])], title: "margins of l_2 & friends", width: 400,
            height: 300)
        let svg = try figure.svg()
        #expect(svg.contains("<svg"))
        #expect(svg.contains("margins of l_2 &amp; friends"))
        #expect(svg.contains("a_b"))
    }

    @Test("the same figure gives byte-identical SVG")
    func svgIsDeterministic() throws {
        let make = {
            decisionBoundaryFigure(
                panels: [DecisionBoundaryPanel(title: "split", training: try PlottingFixtures.dataset([(0.5, 0.2), (-0.4, -0.3)]),
                                               classifier: PlottingFixtures.splitAtXZero)],
                resolution: 40)
        }
        let first = try make().rendered(as: .svg)
        let second = try make().rendered(as: .svg)
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test("a missing gnuplot names the Debian package")
    func missingExecutable() {
        let gnuplot = Gnuplot(executablePath: "/nonexistent/gnuplot")
        #expect(throws: GnuplotError.notFound(path: "/nonexistent/gnuplot")) { try gnuplot.run(script: "plot x") }
        #expect(GnuplotError.notFound(path: "/nonexistent/gnuplot").description.contains("gnuplot-nox"))
        #expect(GnuplotError.notFoundOnPath.description
            == "gnuplot was not found on PATH: install the Debian package gnuplot-nox (apt-get install gnuplot-nox)")
        var figure = Figure(summary: "x", body: "plot x")
        figure.gnuplot = gnuplot
        let text = figure.displayBundle.data["text/plain"] ?? ""
        #expect(text.contains("gnuplot-nox"))
        #expect(figure.displayBundle.data["image/png"] == nil)
    }

    @Test("a script error surfaces gnuplot's own message")
    func scriptError() throws {
        let figure = Figure(summary: "broken", body: "plot undefinedfunction(x)")
        do {
            _ = try figure.png()
            Issue.record("a broken script rendered")
        } catch {
            guard case .scriptFailed(let status, let message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(status != 0)
            #expect(message.contains("undefined function: undefinedfunction"))
            #expect(error.description.contains("undefined function: undefinedfunction"))
        }
    }

    @Test("a script without a plot is an error, not an empty image")
    func noOutput() {
        #expect(throws: GnuplotError.self) { try Gnuplot().run(script: "set terminal pngcairo\nx = 1\n") }
    }

    @Test("megabytes in and out at once do not deadlock the pipes")
    func largeInputAndOutput() throws {
        // 100,000 data lines in (about 700 KB), an SVG of 100,000 points out (megabytes).
        let rows = (0..<100_000).map { [Double($0 % 1000), Double($0 / 1000)] }
        let body = GnuplotScript.dataBlock("big", rows: rows) + "plot $big using 1:2 with points pt 7 notitle\n"
        let figure = Figure(summary: "big", width: 300, height: 200, body: body, gnuplot: Gnuplot(timeout: 30))
        let svg = try figure.rendered(as: .svg)
        #expect(svg.count > 1_000_000)
        #expect(String(decoding: svg.suffix(20), as: UTF8.self).contains("</svg>"))
    }

    @Test("a run past the deadline is stopped")
    func deadline() {
        let slow = Gnuplot(timeout: 0.3)
        #expect(throws: GnuplotError.timedOut(seconds: 0.3)) { try slow.run(script: "pause 5\n") }
    }

    @Test("strings are quoted for gnuplot; numbers are written the same way every time")
    func scriptText() {
        #expect(GnuplotScript.quoted("a \"b\" \\ c\nd") == "\"a \\\"b\\\" \\\\ c\\nd\"")
        #expect(GnuplotScript.number(3) == "3")
        #expect(GnuplotScript.number(0.1) == "0.1")
        #expect(GnuplotScript.number(.infinity) == "NaN")
        #expect(GnuplotScript.number(Double(0x1f77b4)) == "2062260")
        #expect(GnuplotScript.dataBlock("d", rows: [[1, 2.5], [], [3, -4]]) == "$d << EOD\n1 2.5\n\n3 -4\nEOD\n")
    }
}

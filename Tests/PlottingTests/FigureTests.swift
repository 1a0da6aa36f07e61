import Foundation
import NotebookDisplay
@testable import Plotting
import Testing

@Suite("Figure")
struct FigureTests {
    let figure = linePlot(
        series: [Series(name: "up", xs: [0, 1, 2], ys: [0, 1, 4]), Series(name: "down", xs: [0, 1, 2], ys: [4, 1, 0])],
        title: "two series", xLabel: "x", yLabel: "y", width: 400, height: 250)

    @Test("save writes PNG, SVG and PDF by the extension, with their magic bytes")
    func saveByExtension() throws {
        let directory = try PlottingFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let expectations: [(String, [UInt8])] = [
            ("plot.png", ImageBytes.pngSignature), ("plot.SVG", Array("<?xml".utf8)), ("plot.pdf", Array("%PDF-".utf8)),
        ]
        for (name, magic) in expectations {
            let path = directory.appendingPathComponent(name).path
            try figure.save(to: path)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(Array(bytes.prefix(magic.count)) == magic, "\(name)")
        }
        let svg = try String(contentsOfFile: directory.appendingPathComponent("plot.SVG").path, encoding: .utf8)
        #expect(svg.contains("<svg"))
    }

    @Test("save rejects other extensions before running gnuplot")
    func saveRejectsJPEG() throws {
        var offline = figure
        offline.gnuplot = Gnuplot(executablePath: "/nonexistent/gnuplot")
        #expect(throws: FigureError.unsupportedExtension(path: "/tmp/plot.jpg")) { try offline.save(to: "/tmp/plot.jpg") }
        #expect(throws: FigureError.unsupportedExtension(path: "/tmp/plot")) { try offline.save(to: "/tmp/plot") }
        #expect(FigureFormat(path: "a.b/plot") == nil)
        #expect(FigureFormat(path: "x.Pdf") == .pdf)
    }

    @Test("the display bundle has a decodable PNG, the SVG when small, and a one-line description")
    func displayBundle() throws {
        let bundle = DisplayBundle.of(figure)
        let base64 = try #require(bundle.data["image/png"])
        let png = try #require(Data(base64Encoded: base64))
        #expect(ImageBytes.pngSize(png).map { [$0.width, $0.height] } == [400, 250])
        #expect(bundle.data["text/plain"] == "Figure: line plot: two series, 2 series, 400x250")
        #expect(bundle.data["image/svg+xml"]?.contains("<svg") == true)

        var noSVG = figure
        noSVG.svgDisplayLimit = 100
        let small = noSVG.displayBundle
        #expect(small.data["image/svg+xml"] == nil)
        #expect(small.data["image/png"] != nil)
    }

    @Test("the script sets the terminal for the format, then the body")
    func script() {
        let custom = Figure(summary: "s", width: 256, height: 128, body: "plot x")
        #expect(custom.script(for: .png).hasPrefix("set encoding utf8\nset terminal pngcairo size 256,128 noenhanced"))
        #expect(custom.script(for: .svg).hasPrefix("set encoding utf8\nset terminal svg size 256,128 fixed noenhanced"))
        #expect(custom.script(for: .pdf).hasPrefix("set encoding utf8\nset terminal pdfcairo size 2in,1in noenhanced"))
        #expect(custom.script(for: .png).hasSuffix("\nplot x\n"))
    }
}

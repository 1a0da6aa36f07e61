import Foundation
import NotebookDisplay

/// A plot ready to be drawn by gnuplot: the script that draws it (data inline), its size,
/// and a one-line summary. Drawing happens when it is shown or saved, so building one is
/// cheap and never fails; the same figure always gives the same script, hence the same SVG.
///
/// In a notebook a figure shows as PNG, with SVG beside it when the SVG is small:
///
///     let figure = linePlot(series: [Series("loss", values: history.losses)], title: "training loss")
///     figure                              // the cell's result: the image
///     try figure.save(to: "loss.pdf")     // PNG, SVG or PDF by the extension
public struct Figure: Sendable, CustomStringConvertible {
    /// What the figure shows, e.g. "decision boundaries, 2 panels".
    public var summary: String
    /// The width in pixels (PNG and SVG; PDF pages get 128 pixels to the inch).
    public var width: Int
    /// The height in pixels.
    public var height: Int
    /// The gnuplot commands after `set terminal`: data blocks, settings and plot commands.
    public var body: String
    /// The gnuplot that draws it.
    public var gnuplot: Gnuplot
    /// SVG is shown beside the PNG only when it is smaller than this many bytes (an SVG of
    /// thousands of points would make the notebook slow); 0 shows PNG only, without drawing
    /// the SVG at all.
    public var svgDisplayLimit: Int

    /// A figure drawn by the gnuplot commands `body` (which must not set the terminal or the
    /// output: the image goes to gnuplot's standard output).
    ///
    ///     Figure(summary: "a sine", width: 500, height: 300, body: "plot sin(x)")
    public init(
        summary: String, width: Int = 640, height: Int = 480, body: String, gnuplot: Gnuplot = Gnuplot(),
        svgDisplayLimit: Int = 200_000
    ) {
        guard width > 0 && height > 0 else { fatalError("a figure needs a positive size, got \(width)x\(height)") }
        self.summary = summary
        self.width = width
        self.height = height
        self.body = body
        self.gnuplot = gnuplot
        self.svgDisplayLimit = svgDisplayLimit
    }

    /// `text` on one line (line breaks become spaces), for summaries.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// "Figure: decision boundaries, 2 panels, 900x420".
    public var description: String { "Figure: \(summary), \(width)x\(height)" }

    /// The whole script gnuplot is given for `format`.
    public func script(for format: FigureFormat) -> String {
        "set encoding utf8\n" + format.terminal(width: width, height: height) + "\n" + body + (body.hasSuffix("\n") ? "" : "\n")
    }

    /// The figure drawn in `format`: the image file's bytes.
    /// - Throws: `GnuplotError` (gnuplot missing or rejecting the script).
    public func rendered(as format: FigureFormat) throws(GnuplotError) -> Data {
        try gnuplot.run(script: script(for: format))
    }

    /// The PNG image.
    public func png() throws(GnuplotError) -> Data { try rendered(as: .png) }

    /// The SVG document.
    public func svg() throws(GnuplotError) -> String { String(decoding: try rendered(as: .svg), as: UTF8.self) }

    /// The PDF document.
    public func pdf() throws(GnuplotError) -> Data { try rendered(as: .pdf) }

    /// Draws the figure into the file at `path`, as PNG, SVG or PDF by its extension.
    /// - Throws: `FigureError.unsupportedExtension` for any other extension (before running
    ///   gnuplot), `GnuplotError`, or `FigureError.writeFailed`.
    public func save(to path: String) throws {
        guard let format = FigureFormat(path: path) else { throw FigureError.unsupportedExtension(path: path) }
        try FigureError.write(try rendered(as: format), to: path)
    }
}

extension Figure: RichDisplayable {
    /// PNG (base64) always, SVG when under `svgDisplayLimit`, and the one-line description;
    /// when gnuplot fails, the description with the reason instead of the image.
    public var displayBundle: DisplayBundle {
        let png: Data
        do {
            png = try self.png()
        } catch {
            return DisplayBundle(plainText: "\(description) (not drawn: \(error))")
        }
        var representations = [FigureFormat.png.mimeType: png.base64EncodedString()]
        if svgDisplayLimit > 0, let svg = try? rendered(as: .svg), svg.count < svgDisplayLimit {
            representations[FigureFormat.svg.mimeType] = String(decoding: svg, as: UTF8.self)
        }
        return DisplayBundle(plainText: description, representations)
    }
}

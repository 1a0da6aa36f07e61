/// An image format gnuplot draws a `Figure` in, with the terminal that makes it.
public enum FigureFormat: String, Sendable, CaseIterable {
    /// A bitmap through cairo (`pngcairo`).
    case png
    /// Scalable vector text (gnuplot's `svg` terminal): the same script gives the same bytes.
    case svg
    /// A vector page through cairo (`pdfcairo`).
    case pdf

    /// The format a file name asks for by its extension (any case), or nil.
    ///
    ///     FigureFormat(path: "plots/boundary.SVG")   // .svg
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }

    /// The MIME type of the image.
    public var mimeType: String {
        switch self {
        case .png: return "image/png"
        case .svg: return "image/svg+xml"
        case .pdf: return "application/pdf"
        }
    }

    /// The `set terminal` line for an image of `width` x `height` pixels. PDF pages get
    /// 128 pixels to the inch with cairo's half font scale, gnuplot's own pairing of its PNG
    /// and PDF defaults, so both look alike. Text is `noenhanced`: titles appear as typed.
    func terminal(width: Int, height: Int) -> String {
        let font = "font \"sans,10\""
        switch self {
        case .png:
            return "set terminal pngcairo size \(width),\(height) noenhanced \(font) background \"#ffffff\""
        case .svg:
            return "set terminal svg size \(width),\(height) fixed noenhanced \(font) background \"#ffffff\""
        case .pdf:
            let inches = { (pixels: Int) in GnuplotScript.number(Double(pixels) / 128) + "in" }
            return "set terminal pdfcairo size \(inches(width)),\(inches(height)) noenhanced \(font) fontscale 0.5"
        }
    }
}

import Tensors

/// Images read from a tensor for `imageGrid` and `adversarialGrid`: `count` images of
/// `channels` (1 grey, 3 RGB) planes of `height` x `width` pixels, channels first (internal).
struct ImageStack {
    let count: Int
    let channels: Int
    let height: Int
    let width: Int
    /// All values, `[count, channels, height, width]` row-major, as given (not clipped).
    let values: [Float]

    /// Reads `[N, C, H, W]` (C = 1 or 3), `[N, H, W]` (grey), or `[N, D]` with D = side²
    /// (grey) or 3·side² (RGB, channels first); without `side`, D must be a square.
    init(_ images: Tensor<Float>, side: Int?) throws(ImageGridError) {
        let shape = images.shape
        switch shape.count {
        case 4:
            guard shape[1] == 1 || shape[1] == 3 else {
                throw .unsupportedShape(shape: shape, reason: "\(shape[1]) channels (axis 1) is neither 1 nor 3")
            }
            (channels, height, width) = (shape[1], shape[2], shape[3])
        case 3:
            (channels, height, width) = (1, shape[1], shape[2])
        case 2:
            let length = shape[1]
            if let side {
                guard side > 0 else { throw .invalidParameter(name: "side", value: "\(side)", requirement: "> 0") }
                if length == side * side {
                    channels = 1
                } else if length == 3 * side * side {
                    channels = 3
                } else {
                    throw .unsupportedShape(
                        shape: shape, reason: "\(length) values per image are neither side² (\(side * side)) nor 3·side² (\(3 * side * side))")
                }
                (height, width) = (side, side)
            } else {
                let root = Int(Double(length).squareRoot().rounded())
                guard root * root == length else {
                    throw .unsupportedShape(shape: shape, reason: "\(length) values per image are not a square number of pixels; pass side")
                }
                (channels, height, width) = (1, root, root)
            }
        default:
            throw .unsupportedShape(shape: shape, reason: "rank \(shape.count) is not 2, 3 or 4")
        }
        guard height > 0, width > 0 else { throw .unsupportedShape(shape: shape, reason: "an image has no pixels") }
        guard shape[0] > 0 else { throw .noImages }
        count = shape[0]
        values = images.scalars
    }

    /// The number of values of one image.
    var imageLength: Int { channels * height * width }

    /// The values of image `index`, channels first.
    func image(_ index: Int) -> ArraySlice<Float> {
        values[(index * imageLength)..<((index + 1) * imageLength)]
    }

    /// "28x28 grey" or "32x32 RGB".
    var kind: String { "\(height)x\(width) " + (channels == 1 ? "grey" : "RGB") }
}

/// One image as drawn: 8-bit values, channels first (internal).
struct ImageTile {
    let channels: Int
    let height: Int
    let width: Int
    /// `channels * height * width` values 0...255.
    let bytes: [UInt8]

    /// Values in [0, 1] to bytes: clipped, then rounded to the nearest of 256 levels (NaN is black).
    init<Values: Collection>(channels: Int, height: Int, width: Int, values: Values) where Values.Element == Float {
        self.channels = channels
        self.height = height
        self.width = width
        bytes = values.map { value in
            guard !value.isNaN else { return 0 }
            return UInt8((Swift.min(Swift.max(value, 0), 1) * 255).rounded())
        }
    }

    /// The inline data block `$name`: a grey image as a matrix (one text line per pixel row);
    /// an RGB image as `column row r g b` lines.
    func dataBlock(_ name: String) -> String {
        var text = "$\(name) << EOD\n"
        let plane = height * width
        for row in 0..<height {
            if channels == 1 {
                text += (0..<width).map { String(bytes[row * width + $0]) }.joined(separator: " ")
                text += "\n"
            } else {
                for column in 0..<width {
                    let at = row * width + column
                    text += "\(column) \(row) \(bytes[at]) \(bytes[plane + at]) \(bytes[2 * plane + at])\n"
                }
            }
        }
        return text + "EOD\n"
    }

    /// The plot clause drawing `$name` with its top-left corner at (`x`, `y`) in screen pixels
    /// (y down), each image pixel `scale` screen pixels wide.
    func plotClause(_ name: String, x: Double, y: Double, scale: Double) -> String {
        let (x0, y0, s) = (GnuplotScript.number(x), GnuplotScript.number(y), GnuplotScript.number(scale))
        let position = "(\(x0)+($1+0.5)*\(s)):(\(y0)+($2+0.5)*\(s))"
        return channels == 1
            ? "$\(name) matrix using \(position):3:3:3 with rgbimage notitle"
            : "$\(name) using \(position):3:4:5 with rgbimage notitle"
    }
}

/// Where the tiles of an image grid go, in screen pixels with y down (internal): a margin,
/// an optional band on the left (row names) and on top (title) and at the bottom (a note),
/// then rows of tiles, each with a caption band under it; every `rowsPerBlock` rows a wider gap.
struct TileLayout {
    var rows: Int
    var columns: Int
    /// One tile's size in image pixels.
    var tileHeight: Int
    var tileWidth: Int
    var captionBand: Double = 0
    var leftBand: Double = 0
    var topBand: Double = 0
    var bottomBand: Double = 0
    var rowsPerBlock: Int = 1
    var blockGap: Double = 0
    var gap: Double = 4
    var margin: Double = 4
    /// The least width of the figure (room for a title or a note), the tiles centred in it.
    var minimumWidth: Double = 0
    /// Screen pixels per image pixel, once fitted.
    var scale: Double = 1
    /// The figure's size in pixels, once fitted.
    var width: Int = 1
    var height: Int = 1
    /// Offsets that centre the tiles when the size was given.
    var offsetX: Double = 0
    var offsetY: Double = 0

    private var blocks: Int { (rows + rowsPerBlock - 1) / rowsPerBlock }
    private var fixedWidth: Double { 2 * margin + leftBand + Double(columns - 1) * gap }
    private var fixedHeight: Double {
        2 * margin + topBand + bottomBand + Double(rows) * captionBand + Double(rows - 1) * gap + Double(blocks - 1) * blockGap
    }

    private func tilesWidth(_ scale: Double) -> Double { fixedWidth + Double(columns * tileWidth) * scale }
    private func contentWidth(_ scale: Double) -> Double { Swift.max(minimumWidth, tilesWidth(scale)) }
    private func contentHeight(_ scale: Double) -> Double { fixedHeight + Double(rows * tileHeight) * scale }

    /// Fits the layout: `scale` screen pixels per image pixel (by default the smallest whole
    /// number that makes a tile at least 84 pixels on its longer side), or the largest scale
    /// that fits a given `width` and/or `height` (the tiles then centred).
    mutating func fit(scale requested: Int?, width requestedWidth: Int?, height requestedHeight: Int?) throws(ImageGridError) {
        if let requested, requested <= 0 {
            throw .invalidParameter(name: "scale", value: "\(requested)", requirement: "> 0")
        }
        for (name, value) in [("width", requestedWidth), ("height", requestedHeight)] {
            if let value, value <= 0 { throw .invalidParameter(name: name, value: "\(value)", requirement: "> 0") }
        }
        var chosen = Double(requested ?? Swift.max(1, (84 + Swift.max(tileWidth, tileHeight) - 1) / Swift.max(tileWidth, tileHeight)))
        if requestedWidth != nil || requestedHeight != nil {
            var fits: [Double] = []
            if let requestedWidth { fits.append((Double(requestedWidth) - fixedWidth) / Double(columns * tileWidth)) }
            if let requestedHeight { fits.append((Double(requestedHeight) - fixedHeight) / Double(rows * tileHeight)) }
            let fitted = fits.min()!
            if requested == nil || fitted < chosen { chosen = fitted }
            guard chosen > 0 else {
                throw .sizeTooSmall(
                    width: requestedWidth ?? 0, height: requestedHeight ?? 0, minimumWidth: Int(fixedWidth.rounded(.up)),
                    minimumHeight: Int(fixedHeight.rounded(.up)))
            }
        }
        scale = chosen
        width = requestedWidth ?? Int(contentWidth(chosen).rounded(.up))
        height = requestedHeight ?? Int(contentHeight(chosen).rounded(.up))
        offsetX = Swift.max(0, (Double(width) - tilesWidth(chosen)) / 2)
        offsetY = Swift.max(0, (Double(height) - contentHeight(chosen)) / 2)
    }

    /// The tile's on-screen width and height.
    var tileSize: (width: Double, height: Double) { (Double(tileWidth) * scale, Double(tileHeight) * scale) }

    /// The top-left corner of the tile at `row`, `column`.
    func origin(row: Int, column: Int) -> (x: Double, y: Double) {
        let x = offsetX + margin + leftBand + Double(column) * (tileSize.width + gap)
        let y = offsetY + margin + topBand + Double(row) * (tileSize.height + captionBand + gap)
            + Double(row / rowsPerBlock) * blockGap
        return (x, y)
    }

    /// The centre of the tile at `row`, `column`.
    func centre(row: Int, column: Int) -> (x: Double, y: Double) {
        let corner = origin(row: row, column: column)
        return (corner.x + tileSize.width / 2, corner.y + tileSize.height / 2)
    }

    /// Where the caption under the tile at `row`, `column` is centred.
    func captionPoint(row: Int, column: Int) -> (x: Double, y: Double) {
        let corner = origin(row: row, column: column)
        return (corner.x + tileSize.width / 2, corner.y + tileSize.height + captionBand / 2 + 1)
    }

    /// The top of the content (where a title band starts), and the bottom band's top.
    var contentTop: Double { offsetY + margin }
    var bottomBandTop: Double { offsetY + contentHeight(scale) - margin - bottomBand }
}

/// The gnuplot text of a picture made of tiles and text, drawn in screen pixels with y down,
/// without axes (internal).
struct TileCanvas {
    var layout: TileLayout
    var tiles: [(tile: ImageTile, row: Int, column: Int)] = []
    /// Text: its position, alignment ("center", "right", "left") and font size.
    var texts: [(text: String, x: Double, y: Double, alignment: String, fontSize: Int)] = []

    init(layout: TileLayout) { self.layout = layout }

    var body: String {
        var body = ""
        for (index, placed) in tiles.enumerated() { body += placed.tile.dataBlock("tile\(index)") }
        body += "unset border\nunset tics\nunset key\nunset colorbox\n"
        body += "set lmargin at screen 0\nset rmargin at screen 1\nset bmargin at screen 0\nset tmargin at screen 1\n"
        body += "set xrange [0:\(layout.width)]\nset yrange [\(layout.height):0]\n"
        for (index, text) in texts.enumerated() {
            body += "set label \(index + 1) \(GnuplotScript.quoted(text.text)) at \(GnuplotScript.number(text.x)),"
                + "\(GnuplotScript.number(text.y)) \(text.alignment) front font \",\(text.fontSize)\"\n"
        }
        let clauses = tiles.enumerated().map { index, placed in
            let corner = layout.origin(row: placed.row, column: placed.column)
            return placed.tile.plotClause("tile\(index)", x: corner.x, y: corner.y, scale: layout.scale)
        }
        body += "plot " + clauses.joined(separator: ", \\\n     ") + "\n"
        return body
    }
}

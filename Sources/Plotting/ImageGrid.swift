import Foundation
import Tensors

/// Images in a grid, as torchvision's `make_grid` lays them out: `columns` tiles a row, row
/// after row, with a small gap, no axes, and a caption under each tile when `labels` are
/// given. Values are clipped to [0, 1] (0 black, 1 white) and drawn with 256 levels.
///
///     let fashion = try FashionMNIST.load()
///     let first = fashion.test.subset(Array(0..<16))
///     try imageGrid(first.inputs, columns: 8, labels: first.labels.map { fashion.classNames[$0] },
///                   title: "Fashion-MNIST test images")
///
/// - Parameters:
///   - images: `[N, C, H, W]` with C = 1 (grey) or 3 (RGB); `[N, H, W]` (grey); or
///     `[N, D]` with D = side² (grey) or 3·side² (RGB, channels first), e.g. `[N, 784]`.
///   - columns: Tiles per row (fewer when there are fewer images).
///   - labels: One caption per image, under its tile.
///   - title: Text above the grid (none when empty).
///   - side: The images' side when they are flattened (`[N, D]`); when nil, D must be a
///     square number of grey pixels.
///   - scale: Screen pixels per image pixel; by default the smallest whole number that makes
///     a tile at least 84 pixels wide (3 for 28x28 images).
///   - width: The figure's width in pixels; by default what the tiles at `scale` need.
///   - height: The figure's height in pixels. When a width or height is given, the tiles
///     are made as large as fits (square pixels, centred; no larger than `scale` if given).
/// - Throws: `ImageGridError` for a shape that is not an image stack, a label count that
///   differs from the image count, or a non-positive `columns`, `scale`, `width` or `height`.
public func imageGrid(
    _ images: Tensor<Float>, columns: Int = 8, labels: [String]? = nil, title: String = "", side: Int? = nil,
    scale: Int? = nil, width: Int? = nil, height: Int? = nil, gnuplot: Gnuplot = Gnuplot()
) throws(ImageGridError) -> Figure {
    let stack = try ImageStack(images, side: side)
    guard columns > 0 else { throw .invalidParameter(name: "columns", value: "\(columns)", requirement: "> 0") }
    if let labels, labels.count != stack.count {
        throw .labelCount(labels: labels.count, images: stack.count, parameter: "labels")
    }
    let shownColumns = Swift.min(columns, stack.count)
    var layout = TileLayout(
        rows: (stack.count + shownColumns - 1) / shownColumns, columns: shownColumns, tileHeight: stack.height,
        tileWidth: stack.width)
    layout.captionBand = labels == nil ? 0 : 16
    layout.topBand = title.isEmpty ? 0 : 24
    layout.minimumWidth = title.isEmpty ? 0 : Double(title.count * 7 + 8)
    try layout.fit(scale: scale, width: width, height: height)

    var canvas = TileCanvas(layout: layout)
    if !title.isEmpty {
        canvas.texts.append((title, Double(layout.width) / 2, layout.contentTop + 11, "center", 11))
    }
    for index in 0..<stack.count {
        let (row, column) = (index / shownColumns, index % shownColumns)
        let tile = ImageTile(channels: stack.channels, height: stack.height, width: stack.width, values: stack.image(index))
        canvas.tiles.append((tile, row, column))
        if let labels {
            let point = layout.captionPoint(row: row, column: column)
            canvas.texts.append((labels[index], point.x, point.y, "center", 9))
        }
    }
    let what = title.isEmpty ? "image grid" : "image grid: \(Figure.oneLine(title))"
    let count = stack.count == 1 ? "1 image" : "\(stack.count) images"
    return Figure(
        summary: "\(what), \(count), \(stack.kind), \(shownColumns) columns", width: layout.width, height: layout.height,
        body: canvas.body, gnuplot: gnuplot)
}

/// Adversarial examples beside their originals: for each example a column of three tiles,
/// the original, the adversarial image and the perturbation (adversarial − original), with
/// `columns` examples side by side and further examples in further blocks of three rows.
///
/// The perturbation is scaled to be visible: −e is black, 0 mid-grey and +e white, where e
/// is `epsilon` or else the largest |perturbation| of all examples; a note under the grid
/// states e, and each perturbation's caption gives its own largest |value|.
///
///     let xAdv = fgsm(model, inputs: x, labels: y, epsilon: 0.1, clippedTo: 0...1)
///     try adversarialGrid(original: x, adversarial: xAdv, labels: y.map { names[$0] },
///                         adversarialLabels: predictions.map { names[$0] }, epsilon: 0.1)
///
/// - Parameters:
///   - original: The clean images, in any shape `imageGrid` takes.
///   - adversarial: The adversarial images, of the same shape.
///   - labels: Captions under the originals (say, the true classes).
///   - adversarialLabels: Captions under the adversarial images (say, the predicted classes).
///   - epsilon: The perturbation shown as black or white; > 0. By default the largest
///     |perturbation|.
///   - columns: Examples side by side.
///   - Other parameters as in `imageGrid`.
/// - Throws: `ImageGridError` as `imageGrid` does, and when the two tensors differ in shape.
public func adversarialGrid(
    original: Tensor<Float>, adversarial: Tensor<Float>, labels: [String]? = nil, adversarialLabels: [String]? = nil,
    epsilon: Double? = nil, columns: Int = 8, title: String = "", side: Int? = nil, scale: Int? = nil,
    width: Int? = nil, height: Int? = nil, gnuplot: Gnuplot = Gnuplot()
) throws(ImageGridError) -> Figure {
    guard original.shape == adversarial.shape else {
        throw .shapeMismatch(original: original.shape, adversarial: adversarial.shape)
    }
    let clean = try ImageStack(original, side: side)
    let attacked = try ImageStack(adversarial, side: side)
    guard columns > 0 else { throw .invalidParameter(name: "columns", value: "\(columns)", requirement: "> 0") }
    for (name, captions) in [("labels", labels), ("adversarialLabels", adversarialLabels)] {
        if let captions, captions.count != clean.count {
            throw .labelCount(labels: captions.count, images: clean.count, parameter: name)
        }
    }
    if let epsilon, !(epsilon > 0 && epsilon.isFinite) {
        throw .invalidParameter(name: "epsilon", value: "\(epsilon)", requirement: "> 0 and finite")
    }
    let perturbation = zip(attacked.values, clean.values).map { $0 - $1 }
    let largest = { (values: ArraySlice<Float>) in values.reduce(Float(0)) { Swift.max($0, Swift.abs($1)) } }
    let bound = epsilon ?? Double(largest(perturbation[...]))

    let shownColumns = Swift.min(columns, clean.count)
    let blocks = (clean.count + shownColumns - 1) / shownColumns
    var layout = TileLayout(rows: 3 * blocks, columns: shownColumns, tileHeight: clean.height, tileWidth: clean.width)
    layout.captionBand = 16
    layout.leftBand = 84
    layout.topBand = title.isEmpty ? 0 : 24
    layout.bottomBand = 50
    layout.minimumWidth = Swift.max(250, Double(title.count * 7 + 8))
    layout.rowsPerBlock = 3
    layout.blockGap = 12
    try layout.fit(scale: scale, width: width, height: height)

    var canvas = TileCanvas(layout: layout)
    if !title.isEmpty {
        canvas.texts.append((title, Double(layout.width) / 2, layout.contentTop + 11, "center", 11))
    }
    for block in 0..<blocks {
        for (offset, name) in ["original", "adversarial", "perturbation"].enumerated() {
            let centre = layout.centre(row: 3 * block + offset, column: 0)
            canvas.texts.append((name, layout.origin(row: 0, column: 0).x - 6, centre.y, "right", 9))
        }
    }
    let length = clean.imageLength
    for index in 0..<clean.count {
        let (row, column) = (3 * (index / shownColumns), index % shownColumns)
        let delta = perturbation[(index * length)..<((index + 1) * length)]
        let shown = delta.map { bound > 0 ? Float((Double($0) / bound + 1) / 2) : 0.5 }
        let tiles = [clean.image(index), attacked.image(index), shown[...]].map {
            ImageTile(channels: clean.channels, height: clean.height, width: clean.width, values: $0)
        }
        let captions = [labels?[index], adversarialLabels?[index], "max |d| " + shortNumber(Double(largest(delta)))]
        for (offset, (tile, caption)) in zip(tiles, captions).enumerated() {
            canvas.tiles.append((tile, row + offset, column))
            if let caption {
                let point = layout.captionPoint(row: row + offset, column: column)
                canvas.texts.append((caption, point.x, point.y, "center", 9))
            }
        }
    }
    let boundText = shortNumber(bound)
    let source = epsilon == nil ? "the largest |d|" : "epsilon"
    let note = "perturbation d = adversarial - original\n"
        + "black: d = -\(boundText), grey: 0, white: +\(boundText)\n(the scale is \(source))"
    for (line, text) in note.split(separator: "\n").enumerated() {  // one label a line: gnuplot hangs extra lines below
        canvas.texts.append((String(text), Double(layout.width) / 2, layout.bottomBandTop + 13 + 14 * Double(line), "center", 9))
    }

    let what = title.isEmpty ? "adversarial examples" : "adversarial examples: \(Figure.oneLine(title))"
    let count = clean.count == 1 ? "1 example" : "\(clean.count) examples"
    return Figure(
        summary: "\(what), \(count), \(clean.kind), perturbation scale ±\(boundText)", width: layout.width,
        height: layout.height, body: canvas.body, gnuplot: gnuplot)
}

/// A number in at most three significant digits, for captions ("0.1", "0.0314").
private func shortNumber(_ value: Double) -> String {
    String(format: "%.3g", value)
}

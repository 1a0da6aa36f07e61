import Datasets
import Foundation
@testable import Plotting
import Tensors
import Testing

@Suite("Image grids")
struct ImageGridTests {
    /// `count` constant images of `channels` x `side` x `side`, image i holding `values[i]`
    /// in every channel (or `colors[i]` per channel when given).
    static func constantImages(_ colors: [[Float]], side: Int) -> Tensor<Float> {
        let channels = colors[0].count
        let scalars = colors.flatMap { color in color.flatMap { Array(repeating: $0, count: side * side) } }
        return Tensor(shape: [colors.count, channels, side, side], scalars: scalars)
    }

    /// A width and height as one comparable value.
    func dims(_ width: Int, _ height: Int) -> [Int] { [width, height] }

    @Test("the PNG has the size the layout asks: tiles of 3x pixels, 4-pixel gaps, caption bands; or the given size")
    func pngSize() throws {
        let images = Tensor<Float>(repeating: 0.3, shape: [16, 1, 28, 28])
        let labels = (0..<16).map { "class \($0)" }
        let figure = try imageGrid(images, columns: 8, labels: labels, title: "sixteen")
        // width: 2 margins of 4 + 8 tiles of 84 + 7 gaps of 4; height: margins, title 24, 2 x (84 + caption 16) + 1 gap.
        #expect(dims(figure.width, figure.height) == [708, 236])
        #expect(figure.description == "Figure: image grid: sixteen, 16 images, 28x28 grey, 8 columns, 708x236")
        #expect(ImageBytes.pngSize(try figure.png()).map { [$0.width, $0.height] } == [708, 236])

        let sized = try imageGrid(images, columns: 4, width: 500, height: 300)
        #expect(ImageBytes.pngSize(try sized.png()).map { [$0.width, $0.height] } == [500, 300])
        let wide = try imageGrid(images, columns: 4, width: 400)
        #expect(wide.width == 400)
        #expect(ImageBytes.pngSize(try wide.png()).map { [$0.width, $0.height] } == [400, wide.height])
        let few = try imageGrid(Tensor<Float>(zeros: [3, 1, 28, 28]), columns: 8, scale: 2)
        #expect(dims(few.width, few.height) == [8 + 3 * 56 + 2 * 4, 8 + 56])
    }

    @Test("a 2x2 grid of constant grey images reads back black, white, mid-grey and clipped white at the tile centres")
    func greyPixels() throws {
        let images = Self.constantImages([[0], [1], [0.5], [1.7]], side: 28)
        let figure = try imageGrid(images, columns: 2, labels: ["black", "white", "grey", "clipped"])
        #expect(dims(figure.width, figure.height) == [8 + 2 * 84 + 4, 8 + 2 * 100 + 4])
        let png = try PNGPixels(try figure.png())
        #expect(dims(png.width, png.height) == [figure.width, figure.height])
        func centre(_ row: Int, _ column: Int) -> [Int] { png.rgb(x: 4 + column * 88 + 42, y: 4 + row * 104 + 42) }
        #expect(centre(0, 0) == [0, 0, 0])
        #expect(centre(0, 1) == [255, 255, 255])
        #expect(centre(1, 0).allSatisfy { abs($0 - 128) <= 1 }, "mid-grey: \(centre(1, 0))")
        #expect(centre(1, 1) == [255, 255, 255])
        // Every pixel well inside the black tile is black; the gap beside it is the white background.
        for (x, y) in [(6, 6), (85, 6), (6, 85), (85, 85), (46, 20)] { #expect(png.rgb(x: x, y: y) == [0, 0, 0], "(\(x), \(y))") }
        #expect(png.rgb(x: 90, y: 46) == [255, 255, 255])
        #expect(png.rgb(x: 46, y: 2) == [255, 255, 255])
        #expect(figure.body.contains("set label 1 \"black\" at 46,97 center front font \",9\""))
        #expect(!figure.body.contains("tics\n") || figure.body.contains("unset tics\n"))
    }

    @Test("RGB images keep their colours, clipped to [0, 1]")
    func rgbPixels() throws {
        let images = Self.constantImages([[1, 0, 0], [0, 1, 0], [0, 0, 1], [-0.5, 0.5, 2]], side: 12)
        let figure = try imageGrid(images, columns: 2, scale: 7)
        let png = try PNGPixels(try figure.png())
        func centre(_ row: Int, _ column: Int) -> [Int] { png.rgb(x: 4 + column * 88 + 42, y: 4 + row * 88 + 42) }
        #expect(centre(0, 0) == [255, 0, 0])
        #expect(centre(0, 1) == [0, 255, 0])
        #expect(centre(1, 0) == [0, 0, 255])
        let last = centre(1, 1)
        #expect(last[0] == 0 && abs(last[1] - 128) <= 1 && last[2] == 255, "\(last)")
        #expect(figure.summary.contains("12x12 RGB"))
    }

    @Test("flattened images [N, side²] and [N, 3·side²] draw as the unflattened ones")
    func flattened() throws {
        let scalars = (0..<(2 * 784)).map { Float($0 % 256) / 255 }
        let square = try imageGrid(Tensor(shape: [2, 1, 28, 28], scalars: scalars))
        #expect(try imageGrid(Tensor(shape: [2, 784], scalars: scalars)).body == square.body)
        #expect(try imageGrid(Tensor(shape: [2, 784], scalars: scalars), side: 28).body == square.body)
        #expect(try imageGrid(Tensor(shape: [2, 28, 28], scalars: scalars)).body == square.body)
        let rgb = (0..<(2 * 3 * 64)).map { Float($0 % 7) / 7 }
        #expect(try imageGrid(Tensor(shape: [2, 192], scalars: rgb), side: 8).body
            == imageGrid(Tensor(shape: [2, 3, 8, 8], scalars: rgb)).body)
        #expect(square.body.contains("matrix using (4+($1+0.5)*3):(4+($2+0.5)*3):3:3:3 with rgbimage notitle"))
    }

    @Test("a wrong shape, label count or parameter is a clear error")
    func errors() {
        #expect(throws: ImageGridError.unsupportedShape(shape: [2, 2, 28, 28], reason: "2 channels (axis 1) is neither 1 nor 3")) {
            try imageGrid(Tensor<Float>(zeros: [2, 2, 28, 28]))
        }
        do {
            _ = try imageGrid(Tensor<Float>(zeros: [3, 50]))
            Issue.record("a non-square length without side should fail")
        } catch {
            #expect(error.description.hasPrefix("cannot show images of shape [3, 50]: 50 values per image are not a square"))
            #expect(error.description.contains("[N, C, H, W]"))
        }
        #expect(throws: ImageGridError.self) { try imageGrid(Tensor<Float>(zeros: [784])) }
        #expect(throws: ImageGridError.self) { try imageGrid(Tensor<Float>(zeros: [2, 100]), side: 9) }
        #expect(throws: ImageGridError.noImages) { try imageGrid(Tensor<Float>(zeros: [0, 1, 28, 28])) }
        #expect(throws: ImageGridError.labelCount(labels: 1, images: 2, parameter: "labels")) {
            try imageGrid(Tensor<Float>(zeros: [2, 1, 4, 4]), labels: ["one"])
        }
        #expect(throws: ImageGridError.invalidParameter(name: "columns", value: "0", requirement: "> 0")) {
            try imageGrid(Tensor<Float>(zeros: [2, 1, 4, 4]), columns: 0)
        }
        #expect(throws: ImageGridError.self) { try imageGrid(Tensor<Float>(zeros: [2, 1, 4, 4]), width: 5) }
        #expect(throws: ImageGridError.shapeMismatch(original: [2, 1, 4, 4], adversarial: [2, 16])) {
            try adversarialGrid(original: Tensor<Float>(zeros: [2, 1, 4, 4]), adversarial: Tensor<Float>(zeros: [2, 16]))
        }
        #expect(throws: ImageGridError.self) {
            try adversarialGrid(original: Tensor<Float>(zeros: [2, 1, 4, 4]), adversarial: Tensor<Float>(zeros: [2, 1, 4, 4]), epsilon: 0)
        }
    }

    @Test("adversarial grid: original, adversarial and a perturbation mapped from [-eps, eps] to black..white")
    func adversarial() throws {
        let side = 8
        let original = Tensor<Float>(repeating: 0.5, shape: [2, 1, side, side])
        // Example 0 moves up by 0.1 (white), example 1 down by 0.05 (a quarter below mid-grey).
        let adversarialScalars = (0..<(2 * side * side)).map { $0 < side * side ? Float(0.6) : Float(0.45) }
        let adversarial = Tensor(shape: [2, 1, side, side], scalars: adversarialScalars)
        let figure = try adversarialGrid(
            original: original, adversarial: adversarial, labels: ["Shirt", "Coat"], adversarialLabels: ["Bag", "Coat"],
            epsilon: 0.1, title: "FGSM")
        #expect(figure.body.contains("\"black: d = -0.1, grey: 0, white: +0.1\" at ") && figure.body.contains("\"(the scale is epsilon)\""))
        #expect(figure.body.contains("\"max |d| 0.1\""))
        #expect(figure.body.contains("\"Bag\""))
        #expect(figure.body.contains("\"perturbation\""))
        #expect(figure.summary == "adversarial examples: FGSM, 2 examples, 8x8 grey, perturbation scale ±0.1")
        let png = try PNGPixels(try figure.png())
        #expect(dims(png.width, png.height) == [figure.width, figure.height])

        var layout = TileLayout(rows: 3, columns: 2, tileHeight: side, tileWidth: side)
        (layout.captionBand, layout.leftBand, layout.topBand, layout.bottomBand) = (16, 84, 24, 50)
        layout.minimumWidth = 250
        (layout.rowsPerBlock, layout.blockGap) = (3, 12)
        try layout.fit(scale: nil, width: nil, height: nil)
        #expect(dims(layout.width, layout.height) == [figure.width, figure.height])
        func centre(_ row: Int, _ column: Int) -> [Int] {
            let point = layout.centre(row: row, column: column)
            return png.rgb(x: Int(point.x), y: Int(point.y))
        }
        #expect(centre(0, 0).allSatisfy { abs($0 - 128) <= 1 }, "original: \(centre(0, 0))")
        #expect(centre(1, 0).allSatisfy { abs($0 - 153) <= 1 }, "adversarial: \(centre(1, 0))")
        #expect(centre(2, 0) == [255, 255, 255], "perturbation +0.1 at eps 0.1 is white")
        #expect(centre(2, 1).allSatisfy { abs($0 - 64) <= 1 }, "perturbation -0.05 at eps 0.1: \(centre(2, 1))")

        // Without epsilon the scale is the largest |perturbation|, and the note says so.
        let automatic = try adversarialGrid(original: original, adversarial: adversarial, columns: 1)
        #expect(automatic.body.contains("\"(the scale is the largest |d|)\""))
        #expect(automatic.summary.contains("2 examples"))
    }

    @Test("Fashion-MNIST test images in a grid with class names",
          .enabled(if: FileManager.default.fileExists(atPath: FashionMNIST.debianDirectory)))
    func fashionMNIST() throws {
        let fashion = try FashionMNIST.load()
        let first = fashion.test.subset(Array(0..<16))
        let figure = try imageGrid(first.inputs, columns: 8, labels: first.labels.map { fashion.classNames[$0] },
                                   title: "Fashion-MNIST test images")
        let png = try PNGPixels(try figure.png())
        #expect(dims(png.width, png.height) == [708, 236])
    }
}

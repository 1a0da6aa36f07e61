import Datasets
import Foundation
import Models
@testable import MarginFigures
@testable import Plotting
import Tensors
import Testing

@Suite("Decision boundaries")
struct DecisionBoundaryTests {
    let range = PlotRange(x: -1...1, y: -1...1)

    @Test("the grid predicts class 0 right of x = 0 and class 1 left of it")
    func gridClasses() {
        let grid = DecisionBoundaryGrid(range: range, resolution: 60, classifier: PlottingFixtures.splitAtXZero)
        #expect(grid.classCount == 2)
        #expect(grid.xs.count == 60 && grid.ys.count == 60)
        #expect(abs(grid.xs[0] - (-1 + 1.0 / 60)) < 1e-12)
        for row in 0..<60 {
            for column in 0..<60 {
                #expect(grid.predictedClass(column: column, row: row) == (grid.xs[column] > 0 ? 0 : 1))
            }
        }
    }

    @Test("the boundary is the line x = 0, from the bottom to the top of the grid")
    func boundaryLine() {
        let grid = DecisionBoundaryGrid(range: range, resolution: 60, classifier: PlottingFixtures.splitAtXZero)
        #expect(grid.boundary.count == 59)
        for segment in grid.boundary {
            #expect(abs(segment.start.x) < 1e-6 && abs(segment.end.x) < 1e-6)
        }
        let ys = grid.boundary.flatMap { [$0.start.y, $0.end.y] }
        #expect(abs(ys.min()! - grid.ys.first!) < 1e-9)
        #expect(abs(ys.max()! - grid.ys.last!) < 1e-9)
    }

    @Test("three classes: every region gets its class and the boundaries meet the regions' edges")
    func threeClasses() {
        let grid = DecisionBoundaryGrid(range: range, resolution: 60, classifier: PlottingFixtures.threeClasses)
        #expect(grid.classCount == 3)
        #expect(Set(grid.predictedClasses) == [0, 1, 2])
        // Every boundary point lies where two logits tie for the largest.
        for point in grid.boundary.flatMap({ [$0.start, $0.end] }) {
            let logits = [point.x, point.y, -point.x - point.y].sorted(by: >)
            #expect(logits[0] - logits[1] < 0.05)
        }
    }

    @Test("marching squares traces a circle through the interpolated crossings")
    func marchingSquaresCircle() {
        let xs = (0..<41).map { -1.5 + 3 * Double($0) / 40 }
        let values = xs.flatMap { y in xs.map { x in 1 - (x * x + y * y) } }
        let segments = MarchingSquares.zeroLevel(values: values, xs: xs, ys: xs)
        #expect(segments.count > 40)
        for point in segments.flatMap({ [$0.start, $0.end] }) {
            #expect(abs((point.x * point.x + point.y * point.y).squareRoot() - 1) < 0.01)
        }
    }

    @Test("the range is the points' bounding box with 10% padding")
    func boundingRange() {
        let box = PlotRange(bounding: [Tensor<Float>([[0, 0], [1, 2]])])
        #expect(abs(box.x.lowerBound - -0.1) < 1e-12 && abs(box.x.upperBound - 1.1) < 1e-12)
        #expect(abs(box.y.lowerBound - -0.2) < 1e-12 && abs(box.y.upperBound - 2.2) < 1e-12)
        let single = PlotRange(bounding: [(x: 1.0, y: 1.0)])
        #expect(abs(single.x.lowerBound - -0.1) < 1e-12 && abs(single.x.upperBound - 2.1) < 1e-12)
        #expect(PlotRange(bounding: [(x: Double, y: Double)]()) == PlotRange(x: -1.5...1.5, y: -1.5...1.5))
    }

    @Test("margin circles: exact and linearised radii equal the distance |x| for a linear classifier")
    func marginRadii() {
        let points = Tensor<Float>([[0.5, 0.3], [-0.25, -0.6]])
        let exact = MarginOverlay.exact.radii(of: points, range: range, classifier: PlottingFixtures.splitAtXZero)
        let linearized = MarginOverlay.linearized.radii(of: points, range: range, classifier: PlottingFixtures.splitAtXZero)
        for (radii, tolerance) in [(exact, 1e-4), (linearized, 1e-5)] {
            #expect(abs(radii[0] - 0.5) < tolerance)
            #expect(abs(radii[1] - 0.25) < tolerance)
        }
        let circle = MarginOverlay.ball(centre: (1, 2), radius: 0.5, norm: .l2, sides: 8)
        #expect(circle.count == 9)
        #expect(circle.first! == circle.last!)
        for point in circle { #expect(abs(hypot(point.x - 1, point.y - 2) - 0.5) < 1e-12) }
    }

    @Test("balls in l1 and l-inf are diamonds and squares: every vertex at the radius in that norm, corners included")
    func balls() {
        let diamond = MarginOverlay.ball(centre: (1, 2), radius: 0.5, norm: .l1)
        let square = MarginOverlay.ball(centre: (1, 2), radius: 0.5, norm: .lInfinity)
        for point in diamond { #expect(abs(abs(point.x - 1) + abs(point.y - 2) - 0.5) < 1e-12) }
        for point in square { #expect(abs(max(abs(point.x - 1), abs(point.y - 2)) - 0.5) < 1e-12) }
        #expect(diamond.contains { abs($0.x - 1.5) < 1e-12 && abs($0.y - 2) < 1e-12 })
        #expect(square.contains { abs($0.x - 1.5) < 1e-12 && abs($0.y - 2.5) < 1e-12 })
    }

    @Test("the closest-points overlay draws only the given number of balls, those of the smallest exact distances")
    func closestOverlay() {
        let points = Tensor<Float>([[0.5, 0.3], [-0.25, -0.6], [0.1, 0.2], [-0.7, 0.1]])
        for norm in [Norm.l1, .l2, .lInfinity] {
            let radii = MarginOverlay.closest(count: 2, norm: norm).radii(of: points, range: range, classifier: PlottingFixtures.splitAtXZero)
            #expect(radii[0].isInfinite && radii[3].isInfinite)
            // The boundary is the line x = 0: the distance is |x| in every norm.
            #expect(abs(radii[1] - 0.25) < 1e-4)
            #expect(abs(radii[2] - 0.1) < 1e-4)
        }
        #expect(MarginOverlay.closest(count: 3, norm: .lInfinity).legendTitle == "l_inf margins, 3 closest")
    }

    @Test("by default the figure is as tall as makes the plotted rectangle fill each panel")
    func fittingHeight() {
        let wide = PlotRange(x: 0...3, y: 0...1)
        #expect(DecisionBoundaryLayout.fittingHeight(panelWidth: 300, range: wide) == 77 + DecisionBoundaryLayout.verticalMargins)
        let figure = decisionBoundaryFigure(
            panels: [DecisionBoundaryPanel(title: "t", classifier: PlottingFixtures.splitAtXZero)], range: wide, resolution: 10,
            panelWidth: 300)
        #expect(figure.height == 77 + DecisionBoundaryLayout.verticalMargins)
        #expect(figure.body.contains("set xlabel \"x1\""))
    }

    @Test("the figure draws regions, boundary, points and circles, and renders to a PNG")
    func figure() throws {
        let training = try PlottingFixtures.dataset([(0.5, 0.2), (-0.4, -0.3), (0.7, -0.6)])
        let test = try PlottingFixtures.dataset([(0.1, 0.1), (-0.2, 0.4), (0.3, -0.1), (-0.6, -0.7)])
        let panels = [
            DecisionBoundaryPanel(title: "plain", training: training, test: test, classifier: PlottingFixtures.splitAtXZero),
            DecisionBoundaryPanel.withTestAccuracy(
                "with margins", training: training, test: test, margins: .exact, classifier: PlottingFixtures.splitAtXZero),
        ]
        #expect(panels[1].title == "with margins: test accuracy 1.000")
        let figure = decisionBoundaryFigure(panels: panels, range: range, resolution: 60, panelWidth: 300, height: 280)
        #expect(figure.description == "Figure: decision boundaries, 2 panels, 600x280")
        #expect(figure.body.contains("set multiplot layout 1,2"))
        #expect(figure.body.contains("$margins1 << EOD"))
        #expect(!figure.body.contains("$margins0"))
        #expect(figure.body.contains("set title \"with margins: test accuracy 1.000\""))
        #expect(figure.body.contains("title \"exact l2 margins\""))
        #expect(figure.body.contains("keyentry with points pt 7 ps 1.3 lc rgb \"#555555\" title \"training points\""))
        let png = try figure.png()
        #expect(ImageBytes.pngSize(png).map { [$0.width, $0.height] } == [600, 280])
    }

    @Test("a trained model's panel scores its test accuracy in the title")
    func modelPanel() throws {
        let (training, test) = try Toy2D.twoMoons(noise: 0.1).sparseTrainDenseTest(trainCount: 40, testCount: 200, seed: 4)
        var g = SeededGenerator(seed: 5)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 16, 2], using: &g)
        var optimizer = Adam<Float>(learningRate: 0.02)
        train(&model, optimizer: &optimizer, inputs: training.inputs, labels: training.labels,
              options: TrainingOptions(steps: 150, batchSize: 40))
        let panel = DecisionBoundaryPanel("moons", model: model, training: training, test: test)
        let accuracy = Models.accuracy(of: model, on: LabeledBatch(inputs: test.inputs, labels: test.labels))
        #expect(panel.title == "moons: test accuracy \(String(format: "%.3f", accuracy))")
        let figure = decisionBoundaryFigure(panels: [panel], resolution: 50)
        #expect(figure.summary == "decision boundaries, 1 panel")
        #expect(ImageBytes.isPNG(try figure.png()))
        // Shown as PNG only: the SVG of the class regions is never drawn for display.
        #expect(figure.svgDisplayLimit == 0 && figure.displayBundle.data["image/svg+xml"] == nil)
    }
}

import Attacks
import Datasets
import Models
@testable import MarginFigures
@testable import Plotting
import Tensors
import Testing

@Suite("Line plots and histograms")
struct LinePlotTests {
    @Test("a logarithmic axis drops the points it cannot show; the script says log scale")
    func logAxis() {
        let panel = LinePanel(
            title: "t", xLabel: "fraction", yLabel: "accuracy", logX: true,
            series: [Series(name: "s", xs: [0, 0.01, 0.1, 1], ys: [0.5, 0.6, .nan, 0.9])])
        #expect(panel.drawablePoints(of: 0) == [[0.01, 0.6], [1, 0.9]])
        let figure = linePlot(series: panel.series, title: "t", logX: true)
        #expect(figure.body.contains("set logscale x\n"))
        #expect(figure.body.contains("$series0_0 << EOD\n0.01 0.6\n1 0.9\nEOD\n"))
    }

    @Test("series get their own colour, a dashed style when asked, and a legend entry")
    func seriesStyles() throws {
        let figure = linePlot(series: [
            Series(name: "solid", xs: [1, 2], ys: [1, 2]),
            Series(name: "dashed", xs: [1, 2], ys: [2, 1], style: .lines, colorIndex: 0, dashed: true),
        ], title: "styles", legend: .bottomRight, width: 300, height: 200)
        #expect(figure.body.contains("with linespoints lw 2 pt 7 ps 0.8 lc rgb \"#1f77b4\" title \"solid\""))
        #expect(figure.body.contains("with lines lw 2 dt 2 lc rgb \"#1f77b4\" title \"dashed\""))
        #expect(figure.body.contains("set key bottom right"))
        #expect(ImageBytes.isPNG(try figure.png()))
    }

    @Test("error bars: a third column of half-heights, drawn as bars on the series' style; a bar that is not finite is 0")
    func errorBars() throws {
        let figure = linePlot(series: [
            Series(name: "with bars", xs: [1, 2, 3], ys: [0.5, 0.6, 0.7], errors: [0.1, .nan, -0.05]),
            Series(name: "dots", xs: [1, 2], ys: [0.4, 0.3], errors: [0.02, 0.03], style: .points),
            Series(name: "plain", xs: [1, 2], ys: [0.2, 0.1]),
        ], title: "bars", width: 300, height: 200)
        #expect(figure.body.contains("$series0_0 << EOD\n1 0.5 0.1\n2 0.6 0\n3 0.7 0.05\nEOD\n"))
        #expect(figure.body.contains("$series0_0 using 1:2:3 with yerrorlines lw 2 pt 7 ps 0.8 lc rgb"))
        #expect(figure.body.contains("$series0_1 using 1:2:3 with yerrorbars pt 7 ps 0.8 lc rgb"))
        #expect(figure.body.contains("$series0_2 using 1:2 with linespoints"))
        #expect(ImageBytes.isPNG(try figure.png()))
    }

    @Test("a plot with nothing drawable still renders, saying so")
    func emptyPlot() throws {
        let figure = linePlot(series: [Series(name: "nothing", xs: [-1], ys: [1])], logX: true, width: 200, height: 150)
        #expect(figure.body.contains("no data"))
        #expect(ImageBytes.isPNG(try figure.png()))
    }

    @Test("training curves: loss per step and accuracy per evaluation, two panels")
    func trainingCurves() throws {
        let (training, test) = try Toy2D.twoMoons(noise: 0.1).sparseTrainDenseTest(trainCount: 30, testCount: 100, seed: 1)
        var g = SeededGenerator(seed: 2)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 8, 2], using: &g)
        var optimizer = Adam<Float>(learningRate: 0.01)
        let history = train(&model, optimizer: &optimizer, inputs: training.inputs, labels: training.labels,
                            options: TrainingOptions(steps: 60, batchSize: 30, evaluateEvery: 20),
                            test: LabeledBatch(inputs: test.inputs, labels: test.labels))
        let figure = trainingCurvesFigure(["small": history, "same again": history], panelWidth: 300, height: 220)
        #expect(figure.description == "Figure: training curves, 2 runs, 2 panels, 600x220")
        #expect(figure.body.contains("set multiplot layout 1,2"))
        #expect(figure.body.contains("set logscale y"))
        #expect(figure.body.contains("title \"small test\""))
        #expect(figure.body.contains("title \"same again train\""))
        let lossBlock = GnuplotScript.dataBlock("series0_0", rows: history.losses.enumerated().map { [Double($0 + 1), $1] })
        #expect(figure.body.contains(lossBlock))
        #expect(ImageBytes.pngSize(try figure.png()).map { [$0.width, $0.height] } == [600, 220])
    }

    @Test("robustness curves plot accuracy against epsilon, titled by the attack")
    func robustnessCurves() throws {
        let curve = RobustAccuracy(attack: .fgsm(epsilon: 0), setting: .whiteBox, points: [
            .init(epsilon: 0, accuracy: 0.98), .init(epsilon: 0.1, accuracy: 0.7),
        ])
        let figure = robustnessFigure(["model": curve], width: 300, height: 200)
        #expect(figure.body.contains("set title \"white-box accuracy under \(curve.attack.name)\""))
        #expect(figure.body.contains("0 0.98\n0.1 0.7\n"))
        #expect(ImageBytes.isPNG(try figure.png()))
    }

    @Test("histogram bins are shared, count every finite value once, and close the last bin")
    func bins() {
        let bins = HistogramBins(groups: [[0, 0.5, 1, 1.9, 2, .infinity], [1, 1, .nan]], binCount: 4)
        #expect(bins.edges == [0, 0.5, 1, 1.5, 2])
        #expect(bins.counts == [[1, 1, 1, 2], [0, 0, 2, 0]])
        #expect(bins.centres == [0.25, 0.75, 1.25, 1.75])
        let single = HistogramBins(groups: [[3, 3]], binCount: 2)
        #expect(single.edges == [2.5, 3, 3.5])
        #expect(single.counts == [[0, 2]])
        let ranged = HistogramBins(groups: [[-1, 0.2, 5]], binCount: 2, range: 0...1)
        #expect(ranged.counts == [[1, 0]])
    }

    @Test("overlaid histograms are semi-transparent boxes with a legend; densities integrate to 1")
    func histograms() throws {
        let figure = histogram(
            groups: ["cross-entropy": [0.1, 0.2, 0.2, 0.3], "large margin": [0.3, 0.4]], bins: 3, title: "margins",
            xLabel: "distance", normalized: true, width: 300, height: 200)
        #expect(figure.description == "Figure: histogram: margins, 2 groups, 3 bins, 300x200")
        #expect(figure.body.contains("with boxes lc rgb \"#1f77b4\" fs transparent solid 0.45 border title \"cross-entropy\""))
        #expect(figure.body.contains("title \"large margin\""))
        #expect(figure.body.contains("set ylabel \"density\""))
        #expect(ImageBytes.isPNG(try figure.png()))
        let plain = histogram(values: [1, 2, 2, 3], bins: 3, width: 200, height: 150)
        #expect(plain.body.contains("set ylabel \"count\""))
        #expect(plain.body.contains("notitle"))
        #expect(ImageBytes.isPNG(try plain.png()))
    }
}

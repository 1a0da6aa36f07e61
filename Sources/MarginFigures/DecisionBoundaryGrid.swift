import Plotting
import Models
import Tensors

/// A classifier evaluated on a square grid of points over a plot range: the predicted class
/// at every point (the coloured regions) and the boundary between the classes.
///
/// Grid points are the centres of `resolution` x `resolution` equal cells covering the
/// range, so an image of the classes fills the range exactly. The boundary is the zero line
/// of each class's own margin m_c(x) = f_c(x) - max_{j != c} f_j(x), which is positive
/// exactly where c is predicted; classes 0 ..< K-1 suffice, since every edge of the last
/// class's region borders another class (for two classes: the line f_0 = f_1).
struct DecisionBoundaryGrid {
    let range: PlotRange
    let resolution: Int
    /// The number of logits the classifier returns.
    let classCount: Int
    /// The x coordinates of the grid's columns and the y coordinates of its rows.
    let xs: [Double]
    let ys: [Double]
    /// `predictedClasses[row * resolution + column]`: the argmax of the logits (the first
    /// of equal ones) at `(xs[column], ys[row])`.
    let predictedClasses: [Int]
    /// The decision boundary, as segments.
    let boundary: [LineSegment]

    /// Evaluates `classifier` (in inference mode, recording no gradients) on the grid.
    init(range: PlotRange, resolution: Int, classifier: (Tensor<Float>) -> Tensor<Float>) {
        guard resolution >= 2 else { fatalError("a decision-boundary grid needs a resolution of at least 2, got \(resolution)") }
        self.range = range
        self.resolution = resolution
        func centres(_ axis: ClosedRange<Double>) -> [Double] {
            let step = (axis.upperBound - axis.lowerBound) / Double(resolution)
            return (0..<resolution).map { axis.lowerBound + (Double($0) + 0.5) * step }
        }
        xs = centres(range.x)
        ys = centres(range.y)
        let count = resolution * resolution
        var points = [Float](repeating: 0, count: 2 * count)
        for row in 0..<resolution {
            for column in 0..<resolution {
                points[2 * (row * resolution + column)] = Float(xs[column])
                points[2 * (row * resolution + column) + 1] = Float(ys[row])
            }
        }
        let logits = Self.logits(of: points, count: count, classifier: classifier)
        let classes = logits.count / count
        classCount = classes
        var predicted = [Int](repeating: 0, count: count)
        for point in 0..<count {
            var best = 0
            for c in 1..<classes where logits[point * classes + c] > logits[point * classes + best] { best = c }
            predicted[point] = best
        }
        predictedClasses = predicted
        var segments: [LineSegment] = []
        for c in 0..<max(classes - 1, 1) {
            let margins = (0..<count).map { point -> Double in
                var strongestOther = -Double.infinity
                for j in 0..<classes where j != c { strongestOther = max(strongestOther, Double(logits[point * classes + j])) }
                return Double(logits[point * classes + c]) - strongestOther
            }
            segments += MarchingSquares.zeroLevel(values: margins, xs: xs, ys: ys)
        }
        boundary = segments
    }

    /// The predicted class at grid column `column` (x) and row `row` (y).
    func predictedClass(column: Int, row: Int) -> Int { predictedClasses[row * resolution + column] }

    /// The logits of `count` points ([count * classes], row by row), evaluated in chunks.
    private static func logits(of points: [Float], count: Int, classifier: (Tensor<Float>) -> Tensor<Float>) -> [Float] {
        let chunk = 8192
        var logits: [Float] = []
        var classes: Int?
        for start in stride(from: 0, to: count, by: chunk) {
            let end = min(start + chunk, count)
            let input = Tensor<Float>(shape: [end - start, 2], scalars: Array(points[(2 * start)..<(2 * end)]))
            let output = withoutGradientRecording { withLearningPhase(.inference) { classifier(input) } }
            guard output.rank == 2, output.shape[0] == end - start, output.shape[1] >= 1 else {
                fatalError("a decision-boundary classifier must map [n, 2] points to [n, classes] logits, got \(output.shape) for \(input.shape)")
            }
            guard classes == nil || classes == output.shape[1] else {
                fatalError("the classifier returned \(output.shape[1]) logits per point, earlier \(classes!)")
            }
            classes = output.shape[1]
            logits += output.scalars
        }
        return logits
    }
}

import Tensors

/// The rectangle of the plane a 2-D plot shows.
public struct PlotRange: Sendable, Equatable {
    /// The horizontal extent.
    public var x: ClosedRange<Double>
    /// The vertical extent.
    public var y: ClosedRange<Double>

    /// The rectangle `x` by `y`; both must have positive width.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        guard x.lowerBound < x.upperBound && y.lowerBound < y.upperBound else {
            fatalError("a plot range needs positive width and height, got x \(x), y \(y)")
        }
        guard [x.lowerBound, x.upperBound, y.lowerBound, y.upperBound].allSatisfy(\.isFinite) else {
            fatalError("a plot range must be finite, got x \(x), y \(y)")
        }
        self.x = x
        self.y = y
    }

    /// The bounding box of 2-D points with `padding` (a fraction of each side's length) added
    /// on every side; an axis along which all points agree gets a width of 2 · (1 + padding)
    /// around them; no points give [-1.5, 1.5]², where every toy problem lies.
    ///
    ///     PlotRange(bounding: [(0, 0), (1, 2)], padding: 0.1)   // x -0.1...1.1, y -0.2...2.2
    public init(bounding points: [(x: Double, y: Double)], padding: Double = 0.1) {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard let first = finite.first else {
            self.init(x: -1.5...1.5, y: -1.5...1.5)
            return
        }
        func padded(_ values: [Double], start: Double) -> ClosedRange<Double> {
            let low = values.reduce(start, min), high = values.reduce(start, max)
            let pad = high > low ? (high - low) * padding : 1 + padding
            return (low - pad)...(high + pad)
        }
        self.init(x: padded(finite.map(\.x), start: first.x), y: padded(finite.map(\.y), start: first.y))
    }

    /// The bounding box, padded, of the rows of [n, 2] tensors.
    public init<Scalar: TensorScalar>(bounding tensors: [Tensor<Scalar>], padding: Double = 0.1) {
        var points: [(x: Double, y: Double)] = []
        for tensor in tensors {
            guard tensor.rank == 2 && tensor.shape[1] == 2 else {
                fatalError("a 2-D plot needs points of shape [n, 2], got \(tensor.shape)")
            }
            tensor.withUnsafeBufferPointer { scalars in
                for row in 0..<tensor.shape[0] { points.append((Double(scalars[2 * row]), Double(scalars[2 * row + 1]))) }
            }
        }
        self.init(bounding: points, padding: padding)
    }
}

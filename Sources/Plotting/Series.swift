/// One named curve of a line plot: y against x, drawn as lines, points or both.
///
///     Series(name: "test accuracy", xs: [0, 0.1, 0.2], ys: [0.97, 0.95, 0.90])
///     Series(name: "loss", values: history.losses, style: .lines)   // x = 1, 2, 3, ...
public struct Series: Sendable, Equatable {
    /// How the points are drawn.
    public enum Style: Sendable, Equatable {
        /// A line through the points.
        case lines
        /// A dot at each point.
        case points
        /// A line with a dot at each point.
        case linesPoints
    }

    /// The legend entry.
    public var name: String
    /// The horizontal coordinates.
    public var xs: [Double]
    /// The vertical coordinates, one per x.
    public var ys: [Double]
    /// Lines, points or both.
    public var style: Style
    /// The colour, as a position in the class colours (0 ... 9); nil: the series' position in the plot.
    public var colorIndex: Int?
    /// Draws the line dashed (e.g. training accuracy beside solid test accuracy).
    public var dashed: Bool
    /// The half-height of a vertical error bar at each point (a 95% confidence interval's
    /// half-width over seeds, say), one per y; nil: no bars. A bar that is not finite is not
    /// drawn (its point is).
    public var errors: [Double]?

    /// A curve through the points (xs[i], ys[i]), with error bars ys[i] ± errors[i] when
    /// `errors` is given; the lists must be equally long.
    public init(
        name: String, xs: [Double], ys: [Double], errors: [Double]? = nil, style: Style = .linesPoints, colorIndex: Int? = nil,
        dashed: Bool = false
    ) {
        guard xs.count == ys.count else {
            fatalError("a series needs as many x as y values, got \(xs.count) and \(ys.count) for \"\(name)\"")
        }
        if let errors {
            guard errors.count == ys.count else {
                fatalError("a series needs an error bar per y value, got \(errors.count) for \(ys.count) values in \"\(name)\"")
            }
        }
        self.name = name
        self.xs = xs
        self.ys = ys
        self.errors = errors
        self.style = style
        self.colorIndex = colorIndex
        self.dashed = dashed
    }

    /// A curve of `values` against 1, 2, 3, ... (a value per training step, say).
    public init(name: String, values: [Double], style: Style = .lines, colorIndex: Int? = nil, dashed: Bool = false) {
        self.init(name: name, xs: values.indices.map { Double($0 + 1) }, ys: values, style: style, colorIndex: colorIndex, dashed: dashed)
    }
}

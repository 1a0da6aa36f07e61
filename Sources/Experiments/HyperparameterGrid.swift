/// The values to try for each hyper-parameter of a model; validation accuracy picks one
/// point of the grid (the product of the lists) for each seed.
///
///     HyperparameterGrid(["weightDecay": [0, 1e-4, 1e-3], "learningRate": [0.01, 0.001]])   // 6 points
///
/// Points are listed with the first parameter varying slowest (grids joined with `+` list
/// their points one grid after the other); when two points validate
/// equally well, the earlier one is chosen, so list the simpler or default value first.
public struct HyperparameterGrid: Sendable, Equatable {
    /// One point: a value for each parameter, in the grid's order.
    public struct Point: Sendable, Equatable, CustomStringConvertible {
        public var values: [(name: String, value: Double)]

        /// The value of `name`; stops with a message when the grid has no such parameter.
        public subscript(_ name: String) -> Double {
            guard let found = values.first(where: { $0.name == name }) else {
                fatalError("the grid has no parameter \"\(name)\"; it has \(values.map(\.name))")
            }
            return found.value
        }

        /// "weightDecay=0.0001, gamma=0.2", or "-" for the one point of an empty grid.
        public var description: String {
            values.isEmpty ? "-" : values.map { "\($0.name)=\(ResultText.number($0.value))" }.joined(separator: ", ")
        }

        public static func == (lhs: Point, rhs: Point) -> Bool {
            lhs.values.map(\.name) == rhs.values.map(\.name) && lhs.values.map(\.value) == rhs.values.map(\.value)
        }
    }

    /// The parameters and their values, in order.
    public var parameters: [(name: String, values: [Double])]
    /// Further products over the same parameters whose points follow this one's (see `+`).
    private var alternatives: [[(name: String, values: [Double])]] = []

    /// A grid over `parameters`, in the order written.
    public init(_ parameters: KeyValuePairs<String, [Double]> = [:]) {
        self.parameters = parameters.map { ($0.key, $0.value) }
        if let empty = self.parameters.first(where: { $0.values.isEmpty }) {
            fatalError("the grid's parameter \"\(empty.name)\" has no values")
        }
    }

    /// Every point of the grid (one point with no values for an empty grid).
    public var points: [Point] {
        ([parameters] + alternatives).flatMap { product in
            product.reduce([Point(values: [])]) { partial, parameter in
                partial.flatMap { point in parameter.values.map { Point(values: point.values + [(parameter.name, $0)]) } }
            }
        }
    }

    /// The points of `lhs`, then those of `rhs`: grids over the same parameters (in the same
    /// order) whose products differ, such as a margin alone at two gammas and a margin with
    /// cross-entropy at the same two.
    ///
    ///     HyperparameterGrid(["gamma": [1, 3], "crossEntropyWeight": [0]])
    ///         + HyperparameterGrid(["gamma": [1, 3], "crossEntropyWeight": [1]])   // 4 points
    public static func + (lhs: HyperparameterGrid, rhs: HyperparameterGrid) -> HyperparameterGrid {
        guard lhs.parameters.map(\.name) == rhs.parameters.map(\.name) else {
            fatalError("grids joined with + need the same parameters in the same order, got \(lhs.parameters.map(\.name)) and \(rhs.parameters.map(\.name))")
        }
        var joined = lhs
        joined.alternatives += [rhs.parameters] + rhs.alternatives
        return joined
    }

    public static func == (lhs: HyperparameterGrid, rhs: HyperparameterGrid) -> Bool {
        lhs.points == rhs.points
    }
}

/// The values to try for each hyper-parameter of a model; validation accuracy picks one
/// point of the grid (the product of the lists) for each seed.
///
///     HyperparameterGrid(["weightDecay": [0, 1e-4, 1e-3], "learningRate": [0.01, 0.001]])   // 6 points
///
/// Points are listed with the first parameter varying slowest; when two points validate
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

    /// A grid over `parameters`, in the order written.
    public init(_ parameters: KeyValuePairs<String, [Double]> = [:]) {
        self.parameters = parameters.map { ($0.key, $0.value) }
        if let empty = self.parameters.first(where: { $0.values.isEmpty }) {
            fatalError("the grid's parameter \"\(empty.name)\" has no values")
        }
    }

    /// Every point of the grid (one point with no values for an empty grid).
    public var points: [Point] {
        parameters.reduce([Point(values: [])]) { partial, parameter in
            partial.flatMap { point in parameter.values.map { Point(values: point.values + [(parameter.name, $0)]) } }
        }
    }

    public static func == (lhs: HyperparameterGrid, rhs: HyperparameterGrid) -> Bool {
        lhs.parameters.map(\.name) == rhs.parameters.map(\.name) && lhs.parameters.map(\.values) == rhs.parameters.map(\.values)
    }
}

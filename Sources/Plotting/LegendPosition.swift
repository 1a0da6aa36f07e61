/// Where a plot's legend goes (inside the axes, or to their right).
public enum LegendPosition: Sendable, Equatable {
    /// A corner inside the axes.
    case topLeft, topRight, bottomLeft, bottomRight
    /// To the right of the axes, outside them.
    case outsideRight
    /// No legend.
    case hidden

    /// The gnuplot `set key` command.
    var command: String {
        switch self {
        case .topLeft: return "set key top left noopaque"
        case .topRight: return "set key top right noopaque"
        case .bottomLeft: return "set key bottom left noopaque"
        case .bottomRight: return "set key bottom right noopaque"
        case .outsideRight: return "set key outside right top"
        case .hidden: return "set key off"
        }
    }
}

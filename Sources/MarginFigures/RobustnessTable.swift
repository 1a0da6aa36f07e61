import Plotting
import Attacks
import NotebookDisplay

/// Robust accuracy of several models side by side: one row per attack size, one column per
/// model, shown as an HTML table and as text.
///
///     RobustnessTable(["cross-entropy": ceCurve, "large margin": lmCurve])
///     // white-box accuracy under FGSM
///     //   epsilon  cross-entropy  large margin
///     //   0        0.9850         0.9860
///     //   0.1      0.8120         0.9010
public struct RobustnessTable: Sendable, Equatable, CustomStringConvertible {
    /// The models' names, in column order.
    public let names: [String]
    /// Each model's curve, in the order of `names`.
    public let curves: [RobustAccuracy]

    /// A table of `curves`, keeping their order.
    public init(_ curves: KeyValuePairs<String, RobustAccuracy>) {
        self.init(names: curves.map(\.key), curves: curves.map(\.value))
    }

    /// A table with a column per name and curve (equally many of each).
    public init(names: [String], curves: [RobustAccuracy]) {
        guard names.count == curves.count else {
            fatalError("a robustness table needs a name per curve, got \(names.count) names and \(curves.count) curves")
        }
        self.names = names
        self.curves = curves
    }

    /// "white-box accuracy under FGSM" when every curve has the same attack and setting;
    /// otherwise "accuracy under attack" (each column then names its attack).
    public var heading: String {
        sharesAttack ? Self.heading(of: curves[0]) : "accuracy under attack"
    }

    /// Whether every curve comes from the same attack in the same setting.
    private var sharesAttack: Bool {
        guard let first = curves.first else { return false }
        return curves.allSatisfy { $0.attack.name == first.attack.name && $0.setting == first.setting }
    }

    /// "white-box accuracy under PGD l2" for one curve.
    static func heading(of curve: RobustAccuracy) -> String {
        "\(curve.setting == .whiteBox ? "white-box" : "black-box") accuracy under \(curve.attack.name)"
    }

    /// The epsilons of all curves, ascending, each once.
    var epsilons: [Double] { Array(Set(curves.flatMap { $0.points.map(\.epsilon) })).sorted() }

    /// The rows: epsilon, then each model's accuracy ("–" where a curve lacks that epsilon).
    var table: HTMLTable {
        let columns = zip(names, curves).map { name, curve in
            sharesAttack ? name : "\(name) (\(Self.heading(of: curve)))"
        }
        let rows = epsilons.map { epsilon -> [HTMLTable.Cell] in
            [.data(epsilon == 0 ? "0" : "\(epsilon)")] + curves.map { curve in
                .data(curve.points.first { $0.epsilon == epsilon }.map { ScalarText.fraction($0.accuracy) } ?? "–")
            }
        }
        return HTMLTable(caption: heading, header: [.header("epsilon")] + columns.map { .header($0) }, rows: rows)
    }

    /// The heading and the table as text columns.
    public var description: String {
        let table = self.table
        return ([heading] + table.textLines).joined(separator: "\n")
    }
}

extension RobustnessTable: RichDisplayable {
    /// The table in HTML (heading as caption) and as text.
    public var displayBundle: DisplayBundle {
        DisplayBundle(plainText: description, ["text/html": table.html])
    }
}

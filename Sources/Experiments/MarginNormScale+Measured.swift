import Foundation
import Datasets
import Margins
import Models
import SeedStatistics
import Tensors

extension MarginNormScale {
    /// Each of `norms` (its name in model names and the norm) with its gamma measured on the
    /// data instead of typed in: the median linearised distance (eq. 7) of the first `count`
    /// training points to `model`'s nearest boundary at the input, rounded to two
    /// significant digits. A trained cross-entropy model gives the scale at which a margin
    /// starts to push: in 784 pixels an l1 distance is many times an l2 one, and an l-inf
    /// distance a fraction of it.
    ///
    ///     let reference = family.crossEntropy(weightDecays: [1e-4]).trained(on: split, seed: 0)
    ///     let norms = MarginNormScale.measured([("l1", .l1), ("l2", .l2), ("l-inf", .lInfinity)], model: reference, on: split.train)
    public static func measured(_ norms: [(name: String, norm: Norm)], model: Sequential<Float>, on train: Dataset<Float>, count: Int = 1_000) -> [MarginNormScale] {
        guard train.count > 0, count > 0 else { fatalError("measuring margin scales needs training points, got \(train.count) (count \(count))") }
        let sample = train.subset(Array(0..<Swift.min(count, train.count)))
        return norms.map { name, norm in
            let distances = withLearningPhase(.inference) {
                linearizedDistancesToNearestBoundary(of: sample.inputs, labels: sample.labels, norm: norm) { model($0) }
            }
            return MarginNormScale(name, norm, gamma: roundedToTwoDigits(Statistics.quantile(distances, 0.5)))
        }
    }

    /// The norms named in `text`, comma-separated, in order, from "l1", "l2" and "l-inf" (a
    /// notebook parameter such as `marginNorms = "l2,l-inf"`).
    /// - Throws: `MarginNormNameError` for any other name or an empty list.
    public static func norms(named text: String) throws -> [(name: String, norm: Norm)] {
        let known: [(name: String, norm: Norm)] = [("l1", .l1), ("l2", .l2), ("l-inf", .lInfinity)]
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty else { throw MarginNormNameError(text: text, name: "") }
        return try names.map { name in
            guard let norm = known.first(where: { $0.name == name }) else { throw MarginNormNameError(text: text, name: name) }
            return norm
        }
    }

    /// `value` rounded to two significant digits (0.01234 -> 0.012, 6.789 -> 6.8).
    static func roundedToTwoDigits(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { fatalError("a margin scale must be a positive distance, got \(value)") }
        let unit = pow(10, (log10(value)).rounded(.down) - 1)
        return ((value / unit).rounded() * unit * 1e12).rounded() / 1e12
    }
}

/// A margin norm's name that is not one of "l1", "l2" and "l-inf".
public struct MarginNormNameError: Error, Equatable, CustomStringConvertible {
    public var text: String
    public var name: String

    public var description: String {
        "margin norms \"\(text)\": \(name.isEmpty ? "no norm named" : "\"\(name)\" is not a norm"); name some of l1, l2 and l-inf, separated by commas"
    }
}

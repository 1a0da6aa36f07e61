import Tensors
import Models

/// A quantity measured on each seed's chosen model, beside the built-in ones: a name for
/// tables, claims and the results file, which way is better, and how to compute it. (Not
/// called `Measurement`, which Foundation's units type is, so cells that import Foundation
/// can name it.) One measurement may give several values from one computation, each with
/// a name of its own (a robustness curve: one accuracy per epsilon), computed once per
/// trained model with nothing cached in the notebook.
///
///     MeasuredQuantity("robust_accuracy_0.1") { model, data in
///         robustAccuracy(of: model, on: data.test, epsilon: 0.1)
///     }
///     MeasuredQuantity(["fgsm_0.05", "fgsm_0.1"]) { model, data in
///         [0.05, 0.1].map { robustAccuracy(of: model, on: data.test, epsilon: $0) }
///     }
///
/// Values of one computation may differ in direction: an accuracy and the gap between two
/// accuracies, say (`init(_:higherIsBetter:measure:)` with one direction per name).
public struct MeasuredQuantity {
    /// The names of the values it gives, in order (one name for a single value).
    public var names: [String]
    /// Whether a larger value is better, one per name (wins and losses in comparisons
    /// count this way).
    public var higherIsBetter: [Bool]
    /// Computes the values, one per name, from the trained model and the seed's data.
    public var measure: (Sequential<Float>, SplitData) -> [Double]

    /// A measurement of one value named `name`.
    public init(_ name: String, higherIsBetter: Bool = true, measure: @escaping (Sequential<Float>, SplitData) -> Double) {
        self.init([name], higherIsBetter: higherIsBetter) { [measure($0, $1)] }
    }

    /// A measurement of several values, named `names` in the order `measure` returns them.
    public init(_ names: [String], higherIsBetter: Bool = true, measure: @escaping (Sequential<Float>, SplitData) -> [Double]) {
        self.init(names, higherIsBetter: Array(repeating: higherIsBetter, count: names.count), measure: measure)
    }

    /// A measurement of several values with a direction each: `higherIsBetter[i]` says
    /// whether a larger value of `names[i]` is better.
    ///
    ///     MeasuredQuantity(["robust_0.1", "gap_0.1"], higherIsBetter: [true, false]) { model, data in ... }
    public init(_ names: [String], higherIsBetter: [Bool], measure: @escaping (Sequential<Float>, SplitData) -> [Double]) {
        guard !names.isEmpty, !names.contains(where: \.isEmpty) else { fatalError("a measurement needs a name for each value it gives") }
        guard Set(names).count == names.count else { fatalError("a measurement names two of its values alike: \(names)") }
        guard higherIsBetter.count == names.count else {
            fatalError("a measurement needs one direction per value: \(names.count) names, \(higherIsBetter.count) directions")
        }
        self.names = names
        self.higherIsBetter = higherIsBetter
        self.measure = measure
    }

    /// Whether a larger value of `name`, one of `names`, is better (nil for another name).
    func isHigherBetter(_ name: String) -> Bool? {
        names.firstIndex(of: name).map { higherIsBetter[$0] }
    }

    /// The named values measured on `model`; a wrong count of values is a clear error.
    func values(of model: Sequential<Float>, on split: SplitData) -> [String: Double] {
        let values = measure(model, split)
        guard values.count == names.count else {
            fatalError("the measurement \(names) gave \(values.count) values for its \(names.count) names")
        }
        return Dictionary(uniqueKeysWithValues: zip(names, values))
    }
}

/// The names of the quantities every experiment measures, and those of training margins.
public enum Quantity {
    /// Accuracy on the test set.
    public static let testAccuracy = "test_accuracy"
    /// Accuracy on the validation set (which chose the hyper-parameters).
    public static let validationAccuracy = "validation_accuracy"
    /// Accuracy on the training set.
    public static let trainAccuracy = "train_accuracy"
    /// The smallest exact signed distance of a training point to the boundary.
    public static let trainMarginMin = "train_margin_min"
    /// The 10th percentile of the training points' exact signed distances.
    public static let trainMarginP10 = "train_margin_p10"
    /// The median of the training points' exact signed distances.
    public static let trainMarginMedian = "train_margin_median"
    /// The smallest linearised (eq. 7) distance of a training point, at the input.
    public static let linearizedMarginMin = "train_margin_linearized_min"
    /// The 10th percentile of the linearised distances.
    public static let linearizedMarginP10 = "train_margin_linearized_p10"
    /// The median of the linearised distances.
    public static let linearizedMarginMedian = "train_margin_linearized_median"
    /// The ceiling of the smallest margin: half the distance (in the measurement's norm) of
    /// the closest pair of training points of different classes, the smallest fair share. A
    /// boundary that classifies both points of that pair correctly crosses the segment between
    /// them, so no model's `trainMarginMin` can exceed it; the 1-nearest-neighbour rule's
    /// boundary reaches it. A property of the seed's training set: the same for every model.
    public static let trainMarginCeiling = "train_margin_ceiling"
    /// The exact smallest training margin as a share of the ceiling: `trainMarginMin /
    /// trainMarginCeiling`, at most 1 up to the search's resolution (negative when a training
    /// point is misclassified).
    public static let trainMarginMinShare = "train_margin_min_share"
    /// The 10th percentile (as `trainMarginP10` takes it) of the training points' fair shares:
    /// half each point's distance, in the measurement's norm, to the nearest training point of
    /// another class. The 1-nearest-neighbour boundary keeps every point its fair share away at
    /// once, so this is a yardstick for `trainMarginP10` (a point can get more than its share
    /// when its nearest neighbour gets less: it is not a ceiling).
    public static let fairShareP10 = "fair_share_p10"
    /// The exact 10th-percentile training margin as a share of `fairShareP10`.
    public static let trainMarginP10Share = "train_margin_p10_share"

    /// The accuracies, in table order.
    static let accuracies = [testAccuracy, validationAccuracy, trainAccuracy]
    /// The training-margin quantities, in table order.
    static let trainingMargins = [
        trainMarginMin, trainMarginP10, trainMarginMedian, linearizedMarginMin, linearizedMarginP10, linearizedMarginMedian,
        trainMarginCeiling, trainMarginMinShare, fairShareP10, trainMarginP10Share,
    ]
}

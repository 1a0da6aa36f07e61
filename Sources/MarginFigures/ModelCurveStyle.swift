import Plotting

/// How a model's curve is drawn in the figures of a series, read from the paper's model
/// names: one colour per loss and norm (cross-entropy 0, hinge 1, l1 2, l2 3, l-inf 4,
/// anything else 5), dashed for the variants beside a main model (input-only margins,
/// untuned baselines, the max over classes).
public enum ModelCurveStyle {
    /// The class-colour index of `model`'s curve.
    public static func colorIndex(of model: String) -> Int {
        if model.hasPrefix("cross-entropy") { return 0 }
        if model.hasPrefix("hinge") { return 1 }
        if model.contains("l1") { return 2 }
        if model.contains("l2") { return 3 }
        if model.contains("l-inf") { return 4 }
        return 5
    }

    /// Whether `model`'s curve is dashed: a name ending in "input" or "untuned", or naming
    /// "max over classes".
    public static func isDashed(_ model: String) -> Bool {
        model.hasSuffix("input") || model.hasSuffix("untuned") || model.contains("max over classes")
    }
}

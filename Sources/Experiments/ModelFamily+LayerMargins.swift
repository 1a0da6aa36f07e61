import Margins
import Tensors

/// A norm of the paper's image margins: its name in model names ("l1", "l2", "l-inf"), the
/// norm, and the gamma that suits its scale.
public struct MarginNormScale {
    public var name: String
    public var norm: Norm
    public var gamma: Double

    /// The norm `norm`, named `name`, with margin `gamma`.
    public init(_ name: String, _ norm: Norm, gamma: Double) {
        self.name = name
        self.norm = norm
        self.gamma = gamma
    }
}

extension ModelFamily {
    /// "large margin NORM, all layers" or "large margin NORM, input".
    public static func marginName(_ norm: String, allLayers: Bool) -> String {
        "large margin \(norm), \(allLayers ? "all layers" : "input")"
    }

    /// The paper's six image margins: in each of `norms`, the large margin (summed over the
    /// other classes) at the input only (layer -1) and at `allLayers`, named by
    /// `marginName(_:allLayers:)`, input-only first. With `gammaChoices` 2, validation chooses
    /// gamma from the norm's gamma and three times it; otherwise it is the norm's gamma.
    public func inputAndAllLayerMargins(
        _ norms: [MarginNormScale], allLayers: [Int], gammaChoices: Int, gradient: MarginConfiguration.GradientMode = .firstOrder
    ) -> [ModelSpec] {
        norms.flatMap { scale in
            [false, true].map { all in
                largeMargin(Self.marginName(scale.name, allLayers: all), norm: scale.norm,
                            gammas: gammaChoices < 2 ? [scale.gamma] : [scale.gamma, 3 * scale.gamma],
                            layers: all ? allLayers : [-1], aggregation: .sum, gradient: gradient)
            }
        }
    }
}

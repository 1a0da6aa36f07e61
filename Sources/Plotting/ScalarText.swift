import Foundation
import Tensors

/// Numbers as tables show them.
public enum ScalarText {
    /// A tensor element as `Tensor`'s own printing writes it (`Tensor.elementText`).
    public static func element(_ value: Double) -> String { Tensor<Double>.elementText(value) }

    /// An accuracy or other fraction with 4 decimals ("0.9680").
    public static func fraction(_ value: Double) -> String { String(format: "%.4f", value) }

    /// `value` with `digits` significant digits ("0.002959", "1.264e-09").
    public static func significant(_ value: Double, digits: Int = 4) -> String { String(format: "%.\(digits)g", value) }
}

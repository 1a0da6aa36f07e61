import Foundation

/// Numbers as tables show them.
enum ScalarText {
    /// A tensor element as `Tensor`'s own printing writes it: whole numbers with a trailing
    /// point ("3."), up to 4 decimals without trailing zeros ("0.125"), exponent form for
    /// very small or large magnitudes ("1.2346e-05"), and "nan", "inf", "-inf".
    static func element(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded() && Swift.abs(value) < 1e7 { return String(Int(value)) + "." }
        let magnitude = Swift.abs(value)
        if magnitude >= 1e-4 && magnitude < 1e7 {
            var text = String(format: "%.4f", value)
            while text.hasSuffix("0") { text.removeLast() }
            return text
        }
        return String(format: "%.4e", value)
    }

    /// An accuracy or other fraction with 4 decimals ("0.9680").
    static func fraction(_ value: Double) -> String { String(format: "%.4f", value) }

    /// `value` with `digits` significant digits ("0.002959", "1.264e-09").
    static func significant(_ value: Double, digits: Int = 4) -> String { String(format: "%.\(digits)g", value) }
}

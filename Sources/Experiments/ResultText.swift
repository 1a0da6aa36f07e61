import Foundation

/// How results are written as text: numbers with a fixed, locale-free format, so the same
/// run prints the same characters everywhere.
enum ResultText {
    /// A hyper-parameter or setting: "0.0001", "0.2", "10000" (up to 6 significant digits).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.6g", value)
    }

    /// A measured value with `digits` decimals ("0.968"); "nan" or "inf" when not finite.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let text = String(format: "%.\(digits)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// A difference with its sign ("+0.012", "-0.003").
    static func signed(_ value: Double, _ digits: Int) -> String {
        let text = fixed(value, digits)
        return value > 0 && !text.hasPrefix("+") && Double(text) != 0 ? "+" + text : text
    }

    /// A p-value: "0.003", "<0.001", "1.000".
    static func pValue(_ value: Double) -> String {
        guard value.isFinite else { return "nan" }
        return value < 0.001 ? "<0.001" : String(format: "%.3f", value)
    }
}

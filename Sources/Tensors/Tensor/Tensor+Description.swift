import Foundation

// Printing a tensor so a person can read it in a notebook: dtype, shape, and the values,
// with the middle of long axes elided.

extension Tensor: CustomStringConvertible {
    /// Up to this many elements print in full; beyond, each axis shows its first and last
    /// `edgeItems` entries.
    static var summaryThreshold: Int { 1000 }
    static var edgeItems: Int { 3 }

    public var description: String {
        let header = "Tensor<\(Scalar.dtypeName)> shape \(shape)"
        guard rank > 0 else { return "\(header) \(format(buffer.base[0]))" }
        let elide = count > Tensor.summaryThreshold
        let strides = Tensor.strides(of: shape)
        // The indices shown along an axis, and where "..." goes (after the first edge items).
        func shown(_ size: Int) -> (indices: [Int], gap: Int?) {
            guard elide && size > 2 * Tensor.edgeItems else { return (Array(0..<size), nil) }
            return (Array(0..<Tensor.edgeItems) + Array((size - Tensor.edgeItems)..<size), Tensor.edgeItems)
        }
        // Only the shown elements are formatted; the widest sets the column width (as NumPy).
        var values: [Int: String] = [:]
        func collect(axis: Int, offset: Int) {
            for i in shown(shape[axis]).indices {
                if axis == rank - 1 {
                    values[offset + i] = format(buffer.base[offset + i])
                } else {
                    collect(axis: axis + 1, offset: offset + i * strides[axis])
                }
            }
        }
        collect(axis: 0, offset: 0)
        let width = values.values.map(\.count).max() ?? 1
        func render(axis: Int, offset: Int, indent: String) -> String {
            let (indices, gap) = shown(shape[axis])
            if axis == rank - 1 {
                var parts = indices.map { i -> String in
                    let text = values[offset + i]!
                    return String(repeating: " ", count: width - text.count) + text
                }
                if let gap { parts.insert("...", at: gap) }
                return "[" + parts.joined(separator: ", ") + "]"
            }
            var parts = indices.map { render(axis: axis + 1, offset: offset + $0 * strides[axis], indent: indent + " ") }
            if let gap { parts.insert("...", at: gap) }
            let separator = "," + String(repeating: "\n", count: rank - axis - 1) + indent + " "
            return "[" + parts.joined(separator: separator) + "]"
        }
        return header + "\n" + render(axis: 0, offset: 0, indent: "")
    }

    private func format(_ value: Scalar) -> String {
        Self.elementText(Double(value))
    }

    /// One element as tensors print it: whole numbers with a trailing point ("3."), up to 4
    /// decimals without trailing zeros ("0.125"), exponent form for very small or large
    /// magnitudes ("1.2346e-05"), and "nan", "inf", "-inf".
    public static func elementText(_ value: Double) -> String {
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
}

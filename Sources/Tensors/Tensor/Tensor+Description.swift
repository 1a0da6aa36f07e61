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
        let d = Double(value)
        if d.isNaN { return "nan" }
        if d.isInfinite { return d > 0 ? "inf" : "-inf" }
        if d == d.rounded() && Swift.abs(d) < 1e7 { return String(Int(d)) + "." }
        let magnitude = Swift.abs(d)
        if magnitude >= 1e-4 && magnitude < 1e7 {
            var s = String(format: "%.4f", d)
            while s.hasSuffix("0") { s.removeLast() }
            return s
        }
        return String(format: "%.4e", d)
    }
}

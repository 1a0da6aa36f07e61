import Foundation

extension JSONValue {
    /// Indented UTF-8 JSON text in the layout of Foundation's `JSONSerialization` with
    /// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, the layout of the documents
    /// swift-margin writes (run notebooks, sweep results), so that they keep their bytes.
    ///
    /// Two spaces per level; `"key" : value`; an empty array or object still spans lines;
    /// keys in Foundation's collation (numeric, case-insensitive: `a2` before `a10`,
    /// `collapsed` before `ExecuteTime`); doubles in Swift's shortest round-tripping form
    /// without a trailing `.0` (`2.0` is written `2`), non-finite ones as `null`; strings
    /// escaped as in ``serialized()``. No newline at the end.
    ///
    /// ```swift
    /// String(decoding: (["b": [], "a": 1.0] as JSONValue).prettyPrinted(), as: UTF8.self)
    /// // {
    /// //   "a" : 1,
    /// //   "b" : [
    /// //
    /// //   ]
    /// // }
    /// ```
    public func prettyPrinted() -> Data {
        var text = ""
        writePretty(to: &text, indentation: 0)
        return Data(text.utf8)
    }

    private func writePretty(to text: inout String, indentation: Int) {
        let inner = String(repeating: " ", count: indentation + 2)
        switch self {
        case .double(let value) where value.isFinite:
            let written = value.description
            text += written.hasSuffix(".0") ? String(written.dropLast(2)) : written
        case .array(let elements):
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += index > 0 ? ",\n" + inner : inner
                element.writePretty(to: &text, indentation: indentation + 2)
            }
            text += "\n" + String(repeating: " ", count: indentation) + "]"
        case .object(let members):
            text += "{\n"
            for (index, key) in members.keys.sorted(by: Self.foundationOrder).enumerated() {
                text += index > 0 ? ",\n" + inner : inner
                Self.writeString(key, to: &text)
                text += " : "
                members[key]!.writePretty(to: &text, indentation: indentation + 2)
            }
            text += "\n" + String(repeating: " ", count: indentation) + "}"
        default:
            text += String(decoding: serialized(), as: UTF8.self)
        }
    }

    /// Whether `first` comes before `second` among the keys `JSONSerialization` sorts.
    private static func foundationOrder(_ first: String, _ second: String) -> Bool {
        first.compare(second, options: [.numeric, .caseInsensitive, .forcedOrdering],
                      range: first.startIndex..<first.endIndex, locale: NSLocale.system) == .orderedAscending
    }
}

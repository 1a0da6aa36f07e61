/// How a long array, set or dictionary shows as a cell's result: its type and count, then its
/// first and last few elements around an ellipsis, as NumPy prints a large array (NumPy's
/// threshold and edge items). An element that is itself a long collection is shortened the same
/// way; a short collection shows as Swift prints it.
///
///     CollectionSummary.text(of: Array(0..<10_000))
///     // "Array<Int> of 10000 elements\n[0, 1, 2, ..., 9997, 9998, 9999]"
public enum CollectionSummary {
    /// Collections of up to this many elements show in full.
    public static let threshold = 1000
    /// How many elements show at each end of a longer one.
    public static let edgeItems = 3

    /// The shortened text of `value`, or nil when it is no collection or needs no shortening.
    public static func text(of value: Any) -> String? {
        guard let collection = value as? any Collection, !(value is any StringProtocol) else { return nil }
        return summary(of: collection)
    }

    private static func summary<C: Collection>(of collection: C) -> String? {
        let count = collection.count
        let shown: [String]
        if count > threshold {
            shown = collection.prefix(edgeItems).map(element) + ["..."]
                + Array(collection.dropFirst(count - edgeItems)).map(element)
        } else {
            // Shortened only when an element is a long collection itself.
            let shortened = collection.map { text(of: $0) }
            guard shortened.contains(where: { $0 != nil }) else { return nil }
            shown = zip(collection, shortened).map { value, short in
                short.map(lastLine) ?? element(value)
            }
        }
        let (open, close) = collection is any SetAlgebra ? ("Set([", "])") : ("[", "]")
        let body = open + shown.joined(separator: ", ") + close
        return count > threshold ? "\(C.self) of \(count) elements\n" + body : body
    }

    /// One element as Swift prints it inside an array (`"a"` quoted), or shortened.
    private static func element(_ value: Any) -> String {
        if let text = text(of: value) { return lastLine(text) }
        if let pair = value as? (key: AnyHashable, value: Any) {
            return String(reflecting: pair.key.base) + ": " + element(pair.value)
        }
        return String(reflecting: value)
    }

    /// The elements of a shortened collection's text (its last line, after the type and count).
    private static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? text
    }
}

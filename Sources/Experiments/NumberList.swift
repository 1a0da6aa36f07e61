import Foundation

/// A notebook parameter that lists numbers as text ("0.005,0.00125"). Text, not an array, so
/// that a sweep's `-p fractions=0.005,0.00125` makes one task per number while a single run
/// (`swift-margin run ... -p fractions=0.005,0.00125`) takes them all.
///
///     let sizes = try NumberList.parse(fractions, parameter: "fractions", defaults: [0.01, 0.005])
public enum NumberList {
    /// The positive numbers of `text` (zero too with `allowingZero`, as for fractions of
    /// flipped labels), comma-separated (spaces allowed), in order; `defaults` when `text` is empty.
    /// - Throws: `NumberListError` naming the parameter and the part that is not such a number.
    public static func parse(_ text: String, parameter: String, defaults: [Double], allowingZero: Bool = false) throws -> [Double] {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return defaults }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed), value.isFinite, value > 0 || (allowingZero && value == 0) else {
                throw NumberListError(parameter: parameter, text: text, part: trimmed, zeroAllowed: allowingZero)
            }
            return value
        }
    }
}

/// A part of a number list that is not a positive number (or zero, where zero is allowed).
public struct NumberListError: Error, Equatable, CustomStringConvertible {
    public var parameter: String
    public var text: String
    public var part: String
    public var zeroAllowed: Bool = false

    public var description: String {
        let kind = zeroAllowed ? "a number >= 0" : "a positive number"
        return "\(parameter) = \"\(text)\": \"\(part)\" is not \(kind); give such numbers separated by commas, such as \"0.005,0.00125\""
    }
}

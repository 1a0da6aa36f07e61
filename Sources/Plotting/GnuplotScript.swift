import Foundation

/// Text of gnuplot scripts: quoted strings, numbers and inline data blocks, written the
/// same way every time so that one figure always gives the same script (and the same SVG).
public enum GnuplotScript {
    /// `text` as a double-quoted gnuplot string: backslashes and quotes escaped, newlines as
    /// `\n` (gnuplot breaks the line there), other control characters dropped. Terminals are
    /// set `noenhanced`, so `_`, `^`, `{` and `@` appear as typed.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r", "\t": result += " "
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7f { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }

    /// A number as gnuplot reads it: whole numbers exactly (colours are 0xrrggbb integers),
    /// others in single precision's shortest form (plenty for a plot, and fast to write),
    /// "NaN" for what is not finite (gnuplot skips such points).
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "NaN" }
        if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
        return Float(value).description
    }

    /// An inline data block `$name << EOD ... EOD`: one line per row, numbers separated by
    /// spaces; an empty row gives a blank line (a break between lines or image scans).
    public static func dataBlock(_ name: String, rows: [[Double]]) -> String {
        var text = "$\(name) << EOD\n"
        for row in rows {
            text += row.map(number).joined(separator: " ")
            text += "\n"
        }
        return text + "EOD\n"
    }

    /// A colour as gnuplot's quoted "#rrggbb".
    public static func color(_ rgb: Int) -> String {
        "\"#" + String(format: "%06x", rgb & 0xffffff) + "\""
    }

    /// A range as `[low:high]`.
    public static func range(_ range: ClosedRange<Double>) -> String {
        "[\(number(range.lowerBound)):\(number(range.upperBound))]"
    }
}

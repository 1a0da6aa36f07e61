import Foundation

/// Reads and writes the ISO 8601 timestamps of message headers.
///
/// Writes UTC with microseconds, as jupyter_client does: `2026-11-24T19:24:20.123456Z`.
/// Reads that form and its relatives: any number of fraction digits (or none), `Z`,
/// `+hh:mm`, `+hhmm` or no zone (taken as UTC), and a space instead of `T`.
enum JupyterDate {
    /// Microseconds since 1970, rounded: the precision the wire carries.
    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The instant `micros` microseconds after 1970, built the same way whichever path made it,
    /// so a header's date compares equal after a trip over the wire.
    static func date(microseconds micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// `date` rounded to the microsecond.
    static func rounded(_ date: Date) -> Date {
        self.date(microseconds: microseconds(date))
    }

    /// `date` as `yyyy-MM-ddTHH:mm:ss.ffffffZ`, rounded to the microsecond.
    static func format(_ date: Date) -> String {
        let micros = microseconds(date)
        let (seconds, fraction) = floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        let hour = secondOfDay / 3600, minute = secondOfDay / 60 % 60, second = secondOfDay % 60
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":"
            + pad(minute, 2) + ":" + pad(second, 2) + "." + pad(fraction, 6) + "Z"
    }

    /// The instant `text` names, or `nil` if it is not an ISO 8601 date-time.
    static func parse(_ text: String) -> Date? {
        var scanner = Array(text.utf8)[...]
        func number(_ digits: Int) -> Int64? {
            guard scanner.count >= digits else { return nil }
            var value: Int64 = 0
            for _ in 0..<digits {
                let byte = scanner.removeFirst()
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard let byte = scanner.first, characters.utf8.contains(byte) else { return false }
            scanner.removeFirst()
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"),
            let day = number(2), expect("T "), let hour = number(2), expect(":"),
            let minute = number(2), expect(":"), let second = number(2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var micros: Int64 = 0  // the fraction, rounded half up to microseconds
        if expect(".,") {
            var digits = 0
            while let byte = scanner.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                let digit = Int64(byte - UInt8(ascii: "0"))
                if digits < 6 {
                    micros = micros * 10 + digit
                } else if digits == 6, digit >= 5 {
                    micros += 1
                }
                digits += 1
                scanner.removeFirst()
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset: Int64 = 0
        if expect("Zz") {
            // UTC
        } else if let sign = scanner.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            scanner.removeFirst()
            guard let hours = number(2) else { return nil }
            _ = expect(":")
            guard let minutes = number(2), hours < 24, minutes < 60 else { return nil }
            offset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        }
        guard scanner.isEmpty else { return nil }
        let days = days(fromCivil: year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return date(microseconds: seconds * 1_000_000 + micros)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let remainder = ((a % b) + b) % b
        return ((a - remainder) / b, remainder)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

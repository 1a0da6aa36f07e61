/// Amounts of bytes written for people: "812 bytes", "3.4 KB", "4.0 MB", "1.2 GB" (1 KB = 1,024 bytes).
enum ByteCountText {
    /// `bytes` in the largest unit that keeps the number at least 1.
    static func describe(_ bytes: Int64) -> String {
        let units = ["KB", "MB", "GB", "TB"]
        guard bytes >= 1024 else { return "\(bytes) bytes" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String((value * 10).rounded() / 10) + " " + units[unit]
    }
}

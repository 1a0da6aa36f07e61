/// Durations written the way timing tools print them.
public enum DurationText {
    /// A duration in seconds as "1.23 ms", "45.6 µs", "789 ns" or "1.5 s".
    public static func describe(_ seconds: Double) -> String {
        func rounded(_ value: Double) -> String {
            value >= 100 ? String(Int(value.rounded())) : value >= 10 ? String((value * 10).rounded() / 10) : String((value * 100).rounded() / 100)
        }
        if seconds >= 1 { return rounded(seconds) + " s" }
        if seconds >= 1e-3 { return rounded(seconds * 1e3) + " ms" }
        if seconds >= 1e-6 { return rounded(seconds * 1e6) + " µs" }
        return rounded(seconds * 1e9) + " ns"
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

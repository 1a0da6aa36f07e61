/// Display ids for outputs that are updated in place (`display(_:id:)`, `updateDisplay(_:id:)`).
public enum DisplayID {
    /// A new id, `prefix` and 16 random hex digits, never given before in this session: a cell
    /// that failed was rolled back with whatever counter it used, so a count would hand its ids
    /// out again, and the next cell's updates would change the failed cell's output. (Display
    /// ids live only while the page does; a saved notebook keeps none, so runs stay reproducible.)
    public static func fresh(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()  // the system's entropy, different in every forked process
        let digits = String(generator.next(), radix: 16)
        return "\(prefix)-\(String(repeating: "0", count: 16 - digits.count))\(digits)"
    }
}

import Foundation

/// Ids for what a run creates and names for the front end (display ids for outputs updated in
/// place, widget model ids), never handed out twice in a session, and the same when the same
/// notebook runs again headlessly.
///
/// A failed cell is rolled back with any counter it used, so a count kept in the session's
/// memory would hand its ids out again (and the next cell's updates would change the failed
/// cell's output, or a widget would take a closed widget's id). So each id is made of what no
/// rollback touches: the front end's msg_id of the request (unique per request, across kernel
/// restarts too), the session's number for the run (`begin(messageID:runNumber:)`, counted in
/// the kernel process), and a count within the run. Headless, with no msg_id, the same notebook
/// gives the same ids, so executed notebooks that store widget model ids stay byte-identical.
public enum DisplayID {
    private struct Run {
        var messageHash: UInt64 = 0
        var number = 0
        var count = 0
    }

    /// Set in each run's process (a cell or a comm handler, forked from the executor); guarded
    /// by a pthread lock, which works in forked processes (see `CommRouter`).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var run = Run()

    /// Starts the ids of a run: the request's msg_id (empty without a front end) and the
    /// session's number for the run. The executor calls it before each cell and comm event.
    public static func begin(messageID: String, runNumber: Int) {
        lock.withLock { run = Run(messageHash: fnv1a(messageID), number: runNumber, count: 0) }
    }

    /// The next id of this run: 32 hexadecimal digits (the msg_id's hash, the run number and
    /// the count within the run), the shape of a Jupyter widget's model id.
    public static func next() -> String {
        let current = lock.withLock { run.count += 1; return run }
        return hex(current.messageHash, 16) + hex(UInt64(truncatingIfNeeded: current.number), 8) + hex(UInt64(current.count), 8)
    }

    /// `prefix`, a dash and `next()`: "progress-…", "live-boundary-…".
    public static func fresh(_ prefix: String) -> String { "\(prefix)-\(next())" }

    /// The last `width` hexadecimal digits of `value`, zero-padded.
    private static func hex(_ value: UInt64, _ width: Int) -> String {
        let digits = String(String(value, radix: 16).suffix(width))
        return String(repeating: "0", count: width - digits.count) + digits
    }

    /// The 64-bit FNV-1a hash of the text's UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}

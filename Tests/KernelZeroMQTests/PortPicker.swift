import Foundation

/// Hands out ports no other test in this process has used, away from Linux's ephemeral range
/// (32768-60999) so a client connection cannot be holding one. A port another process holds
/// makes the transport's bind fail, and ``RunningKernel/overZeroMQ(backend:key:)`` tries new ones.
enum PortPicker {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var used = Set<Int>()

    static func pick(_ count: Int) -> [Int] {
        lock.withLock {
            var ports: [Int] = []
            while ports.count < count {
                let port = Int.random(in: 20000..<32000)
                if used.insert(port).inserted { ports.append(port) }
            }
            return ports
        }
    }
}

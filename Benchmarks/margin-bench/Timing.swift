import Foundation

/// Median seconds per call of `body`, timed in rounds of `inner` calls for at least `seconds`.
func medianSeconds(seconds: Double = 1.0, inner: Int = 1, warmup: Int = 3, _ body: () -> Void) -> Double {
    for _ in 0..<warmup { body() }
    var samples: [Double] = []
    let end = Date().addingTimeInterval(seconds)
    repeat {
        let t0 = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<inner { body() }
        let t1 = DispatchTime.now().uptimeNanoseconds
        samples.append(Double(t1 - t0) / 1e9 / Double(inner))
    } while Date() < end || samples.count < 5
    samples.sort()
    return samples[samples.count / 2]
}

/// Timing for a machine whose speed drifts between minutes: after `warmupRounds` untimed
/// rounds, each round runs every body in turn, `settle` untimed calls (so that a body does
/// not pay for the caches and memory the previous one left behind) and then `inner` timed
/// calls, for at least `seconds` in all (and 5 rounds). For each body, the median seconds per
/// call, and the median over rounds of its time divided by body 0's in the same round (a
/// ratio that drift moves far less than two separately timed medians).
func interleavedMedians(
    seconds: Double, inner: Int = 1, settle: Int = 1, warmupRounds: Int = 2, _ bodies: [() -> Void]
) -> [(seconds: Double, ratio: Double)] {
    for _ in 0..<warmupRounds { for body in bodies { for _ in 0..<inner { body() } } }
    var rounds: [[Double]] = []
    let end = Date().addingTimeInterval(seconds)
    repeat {
        rounds.append(bodies.map { body in
            for _ in 0..<settle { body() }
            let t0 = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<inner { body() }
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 / Double(inner)
        })
    } while Date() < end || rounds.count < 5
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    return bodies.indices.map { i in
        (median(rounds.map { $0[i] }), median(rounds.map { $0[i] / $0[0] }))
    }
}

/// How busy the rest of the machine was while a benchmark ran (shared 2-core machines).
struct QuietCheck {
    private let start = Date()
    private let busyStart = QuietCheck.busyJiffies()
    private let ownStart = QuietCheck.ownCPUSeconds()

    static func busyJiffies() -> Double {
        guard let line = try? String(contentsOfFile: "/proc/stat", encoding: .utf8).split(separator: "\n").first else { return 0 }
        let v = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard v.count >= 8 else { return 0 }
        return v[0..<8].reduce(0, +) - v[3] - v[4]
    }

    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(0 /* RUSAGE_SELF */, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// One line: wall time, own CPU, other processes' share; a warning above 5%.
    func report() -> String {
        let wall = Date().timeIntervalSince(start)
        let busy = (QuietCheck.busyJiffies() - busyStart) / 100
        let own = QuietCheck.ownCPUSeconds() - ownStart
        let foreign = max(0, busy - own)
        let share = foreign / (wall * Double(ProcessInfo.processInfo.activeProcessorCount))
        var line = String(format: "quiet check: wall %.1f s, own CPU %.1f s, other processes %.1f CPU-s (%.1f%% of the machine)", wall, own, foreign, 100 * share)
        if share > 0.05 { line += "  WARNING: other processes were busy, re-run on a quiet machine" }
        return line
    }
}

import ExecutorLink

/// Runs `body` repeatedly for `%timeit`: enough loops per run to last about 0.2 s (at least
/// one), seven runs, then prints the mean and standard deviation of the time per loop.
public func __timeCell(_ body: () throws -> Void) rethrows {
    var loops = 1
    while true {
        let start = ContinuousClock.now
        for _ in 0..<loops { try body() }
        if (ContinuousClock.now - start).inSeconds >= 0.2 || loops >= 1 << 30 { break }
        loops *= 10
    }
    var perLoop: [Double] = []
    for _ in 0..<7 {
        let start = ContinuousClock.now
        for _ in 0..<loops { try body() }
        perLoop.append((ContinuousClock.now - start).inSeconds / Double(loops))
    }
    let mean = perLoop.reduce(0, +) / Double(perLoop.count)
    let variance = perLoop.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(perLoop.count)
    print("\(DurationText.describe(mean)) ± \(DurationText.describe(variance.squareRoot())) per loop (mean ± std. dev. of 7 runs, \(loops) loop\(loops == 1 ? "" : "s") each)")
}

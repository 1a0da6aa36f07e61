import Tensors

// The one random order behind splits and fractional subsets. Taking a prefix of it gives a
// class-balanced sample, and prefixes are nested, so a 10% subset lies inside the 20% one.

extension Dataset {
    /// A permutation of `0..<count`, decided by `seed`, whose every prefix is stratified: the
    /// first `h` entries hold, for each class `c` with `n_c` samples, either
    /// `floor(h * n_c / count)` or `ceil(h * n_c / count)` samples of `c`.
    ///
    /// Construction: each class's indices are shuffled (one Fisher-Yates permutation per
    /// class, drawn in class order from `SeededGenerator(seed:)`); then the prefix grows one
    /// sample at a time, by the Quota method of Balinski and Young (1975): among the classes
    /// still below their upper quota `ceil(h * n_c / count)`, the next sample comes from the
    /// class with the largest `n_c / (taken_c + 1)` (ties go to the lower class), and it is
    /// that class's next shuffled index. The method stays within both quotas and never takes
    /// a sample back as `h` grows.
    ///
    ///     let order = data.stratifiedOrder(seed: 7)
    ///     let tenPercent = data.subset(Array(order.prefix(data.count / 10)))
    ///
    /// `split(trainFraction:seed:)` and `subset(fraction:seed:)` are prefixes of this order.
    public func stratifiedOrder(seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var members = [[Int]](repeating: [], count: classCount)
        for (index, label) in labels.enumerated() { members[label].append(index) }
        for c in 0..<classCount {
            let permutation = generator.permutation(members[c].count)
            members[c] = permutation.map { members[c][$0] }
        }
        let n = count
        var taken = [Int](repeating: 0, count: classCount)
        var order: [Int] = []
        order.reserveCapacity(n)
        for h in stride(from: 1, through: n, by: 1) {
            var best = -1
            for c in 0..<classCount where taken[c] * n < h * members[c].count {
                // Priority n_c / (taken_c + 1), compared without division.
                if best < 0 || members[c].count * (taken[best] + 1) > members[best].count * (taken[c] + 1) {
                    best = c
                }
            }
            order.append(members[best][taken[best]])
            taken[best] += 1
        }
        return order
    }

    /// `round(fraction * count)` (halves away from zero): the size of a fractional subset.
    func roundedCount(_ fraction: Double) -> Int {
        Int((fraction * Double(count)).rounded())
    }
}

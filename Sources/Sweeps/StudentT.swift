import Foundation

/// The 97.5% quantile of Student's t distribution, for 95% intervals of a mean over seeds:
/// exact to six decimals from a table up to 30 degrees of freedom, then by the Cornish-Fisher
/// expansion around the normal quantile (error below 1e-6 there).
public enum StudentT {
    /// t(0.975, nu) for nu = 1 ... 30.
    private static let table: [Double] = [
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
        2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
        2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
    ]

    /// t with P(T <= t) = 0.975 for `degreesOfFreedom` (at least 1).
    ///
    ///     StudentT.quantile975(degreesOfFreedom: 1)   // 12.706205
    public static func quantile975(degreesOfFreedom nu: Int) -> Double {
        guard nu >= 1 else { fatalError("Student's t needs at least one degree of freedom, got \(nu)") }
        if nu <= table.count { return table[nu - 1] }
        let z = 1.959963984540054
        let v = Double(nu)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v)
    }
}

/// The mean of a quantity over seeds and its 95% interval, mean +- t(0.975, n - 1) s / sqrt(n)
/// (s the sample standard deviation); the half-width is NaN below two values.
public struct SeedInterval: Sendable, Equatable {
    /// The values, one per seed.
    public var values: [Double]
    /// Their mean.
    public var mean: Double
    /// The interval's half-width.
    public var halfWidth: Double

    /// The mean and interval of `values`.
    public init(_ values: [Double]) {
        self.values = values
        let n = Double(values.count)
        mean = values.isEmpty ? .nan : values.reduce(0, +) / n
        if values.count >= 2 {
            let m = mean
            let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
            halfWidth = StudentT.quantile975(degreesOfFreedom: values.count - 1) * variance.squareRoot() / n.squareRoot()
        } else {
            halfWidth = .nan
        }
    }

    /// The interval's lower end.
    public var lower: Double { mean - halfWidth }
    /// The interval's upper end.
    public var upper: Double { mean + halfWidth }
}

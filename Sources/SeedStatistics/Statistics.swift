import Foundation

/// The few statistics an experiment over seeds needs: means, sample standard deviations,
/// quantiles, and Student's t distribution for intervals and paired tests.
public enum Statistics {
    /// The arithmetic mean (NaN for no values).
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation (divisor n - 1; NaN below two values).
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return .nan }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    /// The `q` quantile (0 ... 1) with linear interpolation between order statistics
    /// (NumPy's default): position q (n - 1) in the sorted values.
    public static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard (0...1).contains(q) else { fatalError("a quantile needs q in [0, 1], got \(q)") }
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = Swift.min(below + 1, sorted.count - 1)
        let weight = position - Double(below)
        return sorted[below] + weight * (sorted[above] - sorted[below])
    }

    /// P(T <= t) for Student's t with `degreesOfFreedom` (> 0) degrees of freedom.
    public static func studentTCumulative(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0 else { fatalError("Student's t needs positive degrees of freedom, got \(nu)") }
        if t.isNaN { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * regularizedIncompleteBeta(a: nu / 2, b: 0.5, x: nu / (nu + t * t))
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T <= t) = `p` (0 < p < 1), found by bisection on the distribution function.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p > 0 && p < 1 else { fatalError("a quantile of Student's t needs 0 < p < 1, got \(p)") }
        var (low, high) = (-1.0, 1.0)
        while studentTCumulative(low, degreesOfFreedom: nu) > p { low *= 2 }
        while studentTCumulative(high, degreesOfFreedom: nu) < p { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if studentTCumulative(middle, degreesOfFreedom: nu) < p { low = middle } else { high = middle }
            if high - low <= 1e-13 * Swift.max(1, abs(middle)) { break }
        }
        return (low + high) / 2
    }

    /// The two-sided p-value of a t statistic: P(|T| >= |t|).
    public static func twoSidedPValue(t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN { return .nan }
        return 2 * (1 - studentTCumulative(abs(t), degreesOfFreedom: nu))
    }

    /// The regularised incomplete beta function I_x(a, b), by its continued fraction
    /// (modified Lentz), using the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where that
    /// converges faster.
    public static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        guard a > 0 && b > 0 else { fatalError("the incomplete beta function needs a, b > 0") }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x > (a + 1) / (a + b + 2) {
            return 1 - regularizedIncompleteBeta(a: b, b: a, x: 1 - x)
        }
        return exp(logFront) * betaContinuedFraction(a: a, b: b, x: x) / a
    }

    private static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...500 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return result
    }
}

/// The mean of a quantity over seeds with its 95% confidence interval (Student's t:
/// mean +- t(0.975, n - 1) s / sqrt(n)); the interval is NaN with fewer than two seeds.
public struct MeanInterval: Sendable, Equatable, Codable {
    /// The values, one per seed.
    public var values: [Double]
    public var mean: Double
    /// The sample standard deviation.
    public var standardDeviation: Double
    /// The interval's half-width.
    public var halfWidth: Double

    /// The mean and interval of `values`.
    public init(_ values: [Double]) {
        self.values = values
        mean = Statistics.mean(values)
        standardDeviation = Statistics.standardDeviation(values)
        if values.count >= 2 {
            let t = Statistics.studentTQuantile(0.975, degreesOfFreedom: Double(values.count - 1))
            halfWidth = t * standardDeviation / Double(values.count).squareRoot()
        } else {
            halfWidth = .nan
        }
    }

    /// The lower end of the interval.
    public var lower: Double { mean - halfWidth }
    /// The upper end of the interval.
    public var upper: Double { mean + halfWidth }
    /// The number of seeds.
    public var count: Int { values.count }
}

import Foundation
import SeedStatistics
import Testing

@Suite("Statistics")
struct StatisticsTests {
    @Test("Student's t distribution function matches its closed forms for 1, 2 and 3 degrees of freedom")
    func tClosedForms() {
        for t in [-7.5, -2.0, -0.3, 0.0, 0.4, 1.7, 12.0] {
            let cauchy = 0.5 + atan(t) / Double.pi
            let two = 0.5 + t / (2 * (2 + t * t).squareRoot())
            let three = 0.5 + (t / (3.0.squareRoot() * (1 + t * t / 3)) + atan(t / 3.0.squareRoot())) / Double.pi
            #expect(abs(Statistics.studentTCumulative(t, degreesOfFreedom: 1) - cauchy) < 1e-12)
            #expect(abs(Statistics.studentTCumulative(t, degreesOfFreedom: 2) - two) < 1e-12)
            #expect(abs(Statistics.studentTCumulative(t, degreesOfFreedom: 3) - three) < 1e-12)
        }
    }

    @Test("t quantiles match the printed table (two-sided 95%) and the normal limit")
    func tQuantiles() {
        let table: [(Double, Double)] = [(1, 12.7062), (4, 2.7764), (9, 2.2622), (30, 2.0423)]
        for (nu, expected) in table {
            #expect(abs(Statistics.studentTQuantile(0.975, degreesOfFreedom: nu) - expected) < 1e-4)
        }
        #expect(abs(Statistics.studentTQuantile(0.975, degreesOfFreedom: 1e7) - 1.959964) < 1e-5)
        #expect(abs(Statistics.studentTQuantile(0.025, degreesOfFreedom: 9) + 2.2622) < 1e-4)
    }

    @Test("the incomplete beta function matches its closed forms")
    func incompleteBeta() {
        for x in [0.01, 0.3, 0.5, 0.77, 0.99] {
            #expect(abs(Statistics.regularizedIncompleteBeta(a: 1, b: 1, x: x) - x) < 1e-13)
            #expect(abs(Statistics.regularizedIncompleteBeta(a: 3.5, b: 1, x: x) - pow(x, 3.5)) < 1e-13)
            #expect(abs(Statistics.regularizedIncompleteBeta(a: 1, b: 4, x: x) - (1 - pow(1 - x, 4))) < 1e-13)
        }
    }

    @Test("quantiles interpolate between order statistics as NumPy does")
    func quantiles() {
        #expect(abs(Statistics.quantile([4, 1, 3, 2], 0.1) - 1.3) < 1e-12)
        #expect(Statistics.quantile([4, 1, 3, 2], 0.5) == 2.5)
        #expect(Statistics.quantile([7], 0.9) == 7)
        #expect(Statistics.quantile([5, 1, 9], 0) == 1)
        #expect(Statistics.quantile([5, 1, 9], 1) == 9)
    }

    @Test("a mean's 95% interval, computed by hand")
    func meanInterval() {
        let interval = MeanInterval([1, 2, 3, 4, 5])
        #expect(interval.mean == 3)
        #expect(abs(interval.standardDeviation - 2.5.squareRoot()) < 1e-12)
        #expect(abs(interval.halfWidth - 2.776445 * 2.5.squareRoot() / 5.0.squareRoot()) < 1e-5)
        #expect(MeanInterval([0.5]).halfWidth.isNaN)
    }
}

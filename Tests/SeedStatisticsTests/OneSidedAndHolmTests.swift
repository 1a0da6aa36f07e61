import Foundation
import SeedStatistics
import Testing

@Suite("One-sided t-tests and Holm's adjustment")
struct OneSidedAndHolmTests {
    @Test("the upper tail matches the closed forms for 1 and 2 degrees of freedom and the printed table")
    func upperTail() {
        for t in [-3.0, -0.5, 0.0, 0.7, 2.5, 40.0] {
            #expect(abs(Statistics.upperTailPValue(t: t, degreesOfFreedom: 1) - (0.5 - atan(t) / Double.pi)) < 1e-12)
            #expect(abs(Statistics.upperTailPValue(t: t, degreesOfFreedom: 2) - (0.5 - t / (2 * (2 + t * t).squareRoot()))) < 1e-12)
        }
        // t(0.95, 9) = 1.833 in the printed table: the one-sided 5% point.
        #expect(abs(Statistics.upperTailPValue(t: 1.833, degreesOfFreedom: 9) - 0.05) < 1e-4)
        #expect(abs(Statistics.upperTailPValue(t: 1.833112932656237, degreesOfFreedom: 9) - 0.05) < 1e-10)
        #expect(Statistics.upperTailPValue(t: .nan, degreesOfFreedom: 3).isNaN)
    }

    @Test("a one-sided p is half the two-sided p in the direction of the effect, and its complement against it")
    func halfOfTwoSided() {
        for (t, nu) in [(0.4, 3.0), (1.9, 9.0), (3.3, 4.0)] {
            let two = Statistics.twoSidedPValue(t: t, degreesOfFreedom: nu)
            #expect(abs(Statistics.upperTailPValue(t: t, degreesOfFreedom: nu) - two / 2) < 1e-12)
            #expect(abs(Statistics.upperTailPValue(t: -t, degreesOfFreedom: nu) - (1 - two / 2)) < 1e-12)
        }
    }

    @Test("the paired test computed by hand: superiority, non-inferiority by a margin, an improvement beyond a gap")
    func pairedByHand() {
        // mean 0.014, s = sqrt(0.00023), n = 5: t = (mean + margin) / (s / sqrt 5), 4 degrees of freedom.
        let differences = [0.02, 0.01, 0.03, -0.01, 0.02]
        let standardError = 0.00023.squareRoot() / 5.0.squareRoot()
        for margin in [0, 0.01, -0.005] {
            let t = (0.014 + margin) / standardError
            let expected = Statistics.upperTailPValue(t: t, degreesOfFreedom: 4)
            #expect(abs(Statistics.pairedOneSidedPValue(differences: differences, margin: margin) - expected) < 1e-12)
        }
        // The same numbers from SciPy's ttest_1samp(alternative="greater").
        #expect(abs(Statistics.pairedOneSidedPValue(differences: differences) - 0.05396941114613827) < 1e-10)
        #expect(abs(Statistics.pairedOneSidedPValue(differences: differences, margin: 0.01) - 0.012021764399686889) < 1e-10)
        #expect(abs(Statistics.oneSidedPValue(differences, above: 0.005) - 0.12759807351179536) < 1e-10)
    }

    @Test("degenerate samples: one value, a NaN, every value equal")
    func degenerate() {
        #expect(Statistics.oneSidedPValue([0.3], above: 0).isNaN)
        #expect(Statistics.oneSidedPValue([0.3, .nan, 0.4], above: 0).isNaN)
        #expect(Statistics.oneSidedPValue([0.2, 0.2, 0.2], above: 0.1) == 0)
        #expect(Statistics.oneSidedPValue([0.2, 0.2, 0.2], above: 0.2) == 1)
        #expect(Statistics.pairedOneSidedPValue(differences: [0, 0, 0], margin: 0.01) == 0)
    }

    @Test("Holm's adjustment, by hand, in the order given")
    func holm() {
        // Ascending 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04 -> running max 0.06.
        let adjusted = Statistics.holmAdjusted([0.01, 0.04, 0.03, 0.005])
        for (value, expected) in zip(adjusted, [0.03, 0.06, 0.06, 0.02]) { #expect(abs(value - expected) < 1e-15) }
        #expect(Statistics.holmAdjusted([0.03]) == [0.03])
        #expect(Statistics.holmAdjusted([0.5, 0.6]) == [1, 1])
        #expect(Statistics.holmAdjusted([]) == [])
        // A tie keeps both at the larger bound.
        #expect(Statistics.holmAdjusted([0.02, 0.02]) == [0.04, 0.04])
    }

    @Test("a NaN stays NaN, counts in the family's size and raises no other value")
    func holmWithNaN() {
        let adjusted = Statistics.holmAdjusted([0.01, .nan, 0.02])
        #expect(adjusted[1].isNaN)
        #expect(abs(adjusted[0] - 0.03) < 1e-15)   // m = 3, not 2
        #expect(abs(adjusted[2] - 0.04) < 1e-15)
    }

    @Test("a p-value outside [0, 1] is refused with a message")
    func holmRefusesBadP() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Statistics.holmAdjusted([0.2, 1.5])
        }
        let standardError = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(standardError.contains("Holm's adjustment needs p-values in [0, 1] (or NaN), got 1.5"))
    }
}

import Experiments
import MarginFigures
@testable import Plotting
import Testing

@Suite("Linearised against exact distances, drawn")
struct LinearizedAgainstExactFigureTests {
    @Test("one series of dots per set, exact across and linearised up, and the diagonal up to the largest distance")
    func scatter() throws {
        let figure = linearizedAgainstExactFigure([
            ("l2", LinearizedAndExactDistances(linearized: [1.5, 0.5], exact: [1, 0.25])),
            ("l1", LinearizedAndExactDistances(linearized: [2, 9], exact: [3, .infinity])),
        ], title: "a model")
        #expect(figure.body.contains("$series0_0 << EOD\n1 1.5\n0.25 0.5\nEOD\n"))
        #expect(figure.body.contains("$series0_1 << EOD\n3 2\nEOD\n"))
        // The point with no exact distance is left out, so the diagonal ends at 3.
        #expect(figure.body.contains("$series0_2 << EOD\n0 0\n3 3\nEOD\n"))
        #expect(figure.body.contains("title \"exact = linearised\""))
        #expect(figure.body.contains("exact distance") && figure.body.contains("linearised distance"))
        #expect(ImageBytes.isPNG(try figure.png()))
    }
}

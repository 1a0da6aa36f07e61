import Datasets
import Foundation
@testable import MarginFigures
import Margins
import Plotting
import Testing

@Suite("Margin explorer")
struct MarginExplorerTests {
    @Test("a view trains the chosen loss beside cross-entropy and draws both, with their margins in words")
    func view() throws {
        let explorer = MarginExplorer(trainCount: 20, steps: 20, seed: 3)
        let hinge = explorer.view(MarginExplorer.Settings(dataSet: "circles", loss: .hinge, gamma: 0.3, norm: .l1, allLayers: true))
        #expect(hinge.summary.count == 2)
        #expect(hinge.summary[0].hasPrefix("cross-entropy: smallest margin "))
        #expect(hinge.summary[1].hasPrefix("hinge, gamma 0.3, l1, all layers, CE x1.0: smallest margin "))
        #expect(hinge.boundaries.summary == "decision boundaries, 2 panels")
        let soft = explorer.view(MarginExplorer.Settings(dataSet: "circles", loss: .softMinimum, temperature: 0.2))
        #expect(soft.summary[0] == hinge.summary[0])  // cross-entropy is trained once per data set, the same each time
        #expect(soft.summary[1].hasPrefix("soft minimum, temperature 0.2: smallest margin "))
        let html = try #require(soft.displayBundle.data["text/html"])
        #expect(html.components(separatedBy: "data:image/png;base64,").count == 3)
        #expect(MarginExplorer.dataSetNames == ["two moons", "circles", "xor", "two blobs"])
    }
}

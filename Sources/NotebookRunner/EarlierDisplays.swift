import DynamicJSON

/// The outputs of the cells a headless run has finished, by the display ids they showed, so a
/// later cell's `updateDisplay` replaces an earlier cell's output as in a live notebook (as
/// nbclient maps display ids across the whole notebook).
final class EarlierDisplays {
    /// Each finished cell's outputs, by cell index.
    private(set) var outputsByCell: [Int: [NotebookOutput]] = [:]
    /// Where each display id was shown: (cell index, output index), oldest first.
    private var locations: [String: [(cell: Int, output: Int)]] = [:]

    /// Keeps a finished cell's outputs and the display ids they showed.
    func add(cell: Int, outputs: [NotebookOutput], displayIDs: [String: Int]) {
        outputsByCell[cell] = outputs
        for (id, output) in displayIDs { locations[id, default: []].append((cell, output)) }
    }

    /// Replaces every earlier output shown with display id `id`.
    func update(_ id: String, with output: NotebookOutput) {
        for location in locations[id] ?? [] { outputsByCell[location.cell]?[location.output] = output }
    }
}

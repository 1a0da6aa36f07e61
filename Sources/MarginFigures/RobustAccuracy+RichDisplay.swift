import Plotting
import Attacks
import NotebookDisplay

extension RobustAccuracy: RichDisplayable {
    /// The curve as an HTML table of epsilon and accuracy, captioned like its text
    /// ("white-box accuracy under FGSM"), beside its printed text.
    public var displayBundle: DisplayBundle {
        DisplayBundle(plainText: description, ["text/html": RobustnessTable(names: ["accuracy"], curves: [self]).table.html])
    }
}

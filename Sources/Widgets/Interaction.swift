import Foundation
import NotebookDisplay

/// What `interact` built: the controls, the column that shows them, and the output the
/// closure's results replace one another in (a display id, updated in place).
public final class Interaction: @unchecked Sendable {
    /// The controls, one per parameter, in order.
    public let controls: [Widget]
    /// The column of controls.
    public let box: VBox
    /// The display id of the output.
    public let displayID: String
    private let body: () -> Any
    private let lock = NSLock()
    private var runs = 0

    init(controls: [Widget], body: @escaping () -> Any) {
        self.controls = controls
        self.box = VBox(controls)
        self.displayID = DisplayID.fresh("interact")
        self.body = body
    }

    /// How many times the closure ran.
    public var runCount: Int { lock.withLock { runs } }

    /// Shows the controls, runs the closure and shows its result below them.
    public func show() {
        display(box)
        display(Self.bundle(of: runBody()), id: displayID)
    }

    /// Runs the closure with the controls' current values and replaces the output with its
    /// result (the controls' changes call this).
    public func run() {
        updateDisplay(Self.bundle(of: runBody()), id: displayID)
    }

    private func runBody() -> Any {
        lock.withLock { runs += 1 }
        return body()
    }

    /// A result's display form; `Void` shows as nothing (an empty text), so the output exists
    /// for later results to replace.
    private static func bundle(of result: Any) -> DisplayBundle {
        result is Void ? DisplayBundle(plainText: "") : DisplayBundle.of(result)
    }

    /// Closes the controls and their column.
    public func close() {
        box.close()
        for control in controls { control.close() }
    }
}

import Foundation
import NotebookDisplay

/// What `interact` built: the controls, the column that shows them, and the output the
/// closure's results replace one another in.
///
/// The result is shown below the column as a display (id `displayID`) that is a view of the
/// Output widget `result` with the result's own forms beside it: JupyterLab draws the widget,
/// whose state the kernel keeps, so the latest result is back after the page is reloaded;
/// a notebook renderer without widgets (a headless run read on GitHub, nbconvert's HTML) shows
/// the result's PNG or text at the defaults. A change replaces both.
///
/// After a change the closure runs inside `messages.capture(clear: true)`: what it prints, and
/// the error if it traps (the kernel writes a trap's message to standard error, parented to
/// the change's comm message), shows in the `Output` widget under the controls.
public final class Interaction: @unchecked Sendable {
    /// The controls, one per parameter, in order.
    public let controls: [Widget]
    /// What a run after a change printed, or the error it ended with: the last child of the column.
    public let messages: Output
    /// The column of controls, with `messages` below them.
    public let box: VBox
    /// The Output widget that holds the closure's latest result.
    public let result: Output
    /// The display id of the output below the column (a view of `result`).
    public let displayID: String
    private let body: () -> Any
    private let lock = NSLock()
    private var runs = 0

    init(controls: [Widget], body: @escaping () -> Any) {
        self.controls = controls
        self.messages = Output()
        self.box = VBox(controls + [messages])
        self.result = Output()
        self.displayID = DisplayID.fresh("interact")
        self.body = body
    }

    /// How many times the closure ran.
    public var runCount: Int { lock.withLock { runs } }

    /// Shows the controls, runs the closure and shows its result below them.
    public func show() {
        display(box)
        display(resultBundle(Self.bundle(of: runBody())), id: displayID)
    }

    /// Runs the closure with the controls' current values and replaces the output with its
    /// result (the controls' changes call this); the front end captures what it prints, or
    /// its error, into `messages`, cleared first.
    public func run() {
        messages.capture(clear: true) {
            let bundle = resultBundle(Self.bundle(of: runBody()))
            updateDisplay(bundle, id: displayID)
        }
    }

    private func runBody() -> Any {
        lock.withLock { runs += 1 }
        return body()
    }

    /// Puts `bundle` into `result` and returns the display of it: the widget's view with the
    /// bundle's forms as the fallback.
    private func resultBundle(_ bundle: DisplayBundle) -> DisplayBundle {
        result.show(bundle: bundle)
        var shown = bundle
        for (type, text) in result.displayBundle.data where type != "text/plain" { shown.data[type] = text }
        return shown
    }

    /// A result's display form; `Void` shows as nothing (an empty text), so the output exists
    /// for later results to replace.
    private static func bundle(of result: Any) -> DisplayBundle {
        result is Void ? DisplayBundle(plainText: "") : DisplayBundle.of(result)
    }

    /// Closes the controls, their column and the outputs.
    public func close() {
        box.close()
        messages.close()
        result.close()
        for control in controls { control.close() }
    }
}

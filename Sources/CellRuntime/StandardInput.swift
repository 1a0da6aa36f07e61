import ExecutorLink

/// Reads a line that the notebook's user types (an input box in Jupyter), or nil when the
/// front end does not allow input. This shadows the standard library's `readLine` in cells,
/// since a cell's standard input is not a terminal.
public func readLine(strippingNewline: Bool = true) -> String? {
    ExecutorConnection.send(.inputRequested(prompt: "", password: false))
    guard let line = ExecutorConnection.receiveInput() else { return nil }
    return strippingNewline ? line : line + "\n"
}

/// Shows `prompt` and reads a line that the notebook's user types; with `password`, the
/// front end hides what is typed. Nil when the front end does not allow input.
public func input(_ prompt: String = "", password: Bool = false) -> String? {
    ExecutorConnection.send(.inputRequested(prompt: prompt, password: password))
    return ExecutorConnection.receiveInput()
}

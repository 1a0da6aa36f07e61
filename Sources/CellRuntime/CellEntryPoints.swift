import ExecutorLink
import NotebookDisplay

// The functions generated cell libraries call. Their names start with two underscores so
// they never clash with a user's names; users call `display(_:)` instead.

/// Shows the value of a cell's trailing expression as the cell's result.
public func __publishCellResult<Value>(_ value: Value) {
    ExecutorConnection.send(.result(DisplayBundle.of(value)))
}

/// A trailing expression of type Void (a call like `print(x)`, `x += 1`) shows nothing.
public func __publishCellResult(_ value: Void) {}

/// Reports an error a cell threw and did not catch; the cell stops there, and what it did
/// before stays in the session.
public func __reportCellError(_ error: Error) {
    ExecutorConnection.send(.uncaughtError(
        typeName: String(describing: type(of: error)), description: String(describing: error)))
}

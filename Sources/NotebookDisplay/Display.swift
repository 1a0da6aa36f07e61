import Synchronization

/// Where displayed values go. A notebook kernel installs one; without it, `display` prints
/// the plain-text form, so library code that displays works in a terminal too.
public enum DisplayDestination {
    /// One display request: show a bundle, replace one shown earlier, or clear the output.
    public enum Request: Sendable {
        case show(DisplayBundle, displayID: String?)
        case update(DisplayBundle, displayID: String)
        case clear(wait: Bool)
    }

    private static let handler = Mutex<(@Sendable (Request) -> Void)?>(nil)

    /// Routes every later display request to `newHandler` (nil: print text to standard output).
    public static func install(_ newHandler: (@Sendable (Request) -> Void)?) {
        handler.withLock { $0 = newHandler }
    }

    /// Whether a notebook (or another front end) receives displays rather than the terminal.
    public static var isInstalled: Bool { handler.withLock { $0 != nil } }

    static func deliver(_ request: Request) {
        if let send = handler.withLock({ $0 }) {
            send(request)
            return
        }
        switch request {
        case .show(let bundle, _), .update(let bundle, _):
            print(bundle.data["text/plain"] ?? "")
        case .clear:
            break
        }
    }
}

/// Shows `value` in the middle of a cell (its richest form the front end accepts).
/// With an `id`, a later `updateDisplay(_:id:)` replaces it in place.
public func display(_ value: Any, id: String? = nil) {
    DisplayDestination.deliver(.show(DisplayBundle.of(value), displayID: id))
}

/// Replaces the output shown earlier by `display(_:id:)` with the same `id`.
public func updateDisplay(_ value: Any, id: String) {
    DisplayDestination.deliver(.update(DisplayBundle.of(value), displayID: id))
}

/// Clears the cell's output; with `wait`, only when the next output arrives (no flicker).
public func clearOutput(wait: Bool = false) {
    DisplayDestination.deliver(.clear(wait: wait))
}

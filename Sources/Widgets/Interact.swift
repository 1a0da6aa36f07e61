import NotebookDisplay

/// Builds a control for each parameter, shows them in a column with an output below, and
/// calls `body` with the controls' values: once at once (the defaults), and again after every
/// change, each result replacing the previous one in the output. The closure's parameters
/// have the controls' types, in order:
///
///     interact(FloatRange("gamma", 0.1...10, step: 0.1, default: 1), Choice("norm", ["l1", "l2", "linf"], default: "l2")) { gamma, norm in
///         marginFigure(gamma: gamma, norm: norm)      // anything displayable
///     }
///
/// A result of `Void` shows nothing. Without a front end (a headless run) the output shows the
/// result at the defaults, and the controls their text form. It returns nothing, so a cell
/// that ends with it shows no result of its own; `interactive` gives the `Interaction`.
public func interact<each Control: InteractControl>(
    _ controls: repeat each Control, body: @escaping (repeat (each Control).Value) -> Any
) {
    interactive(repeat each controls, body: body).show()
}

/// What `interact` builds, not yet shown nor run: `show()` displays the controls and the
/// closure's first result. For code that needs the controls or re-runs the closure itself.
public func interactive<each Control: InteractControl>(
    _ controls: repeat each Control, body: @escaping (repeat (each Control).Value) -> Any
) -> Interaction {
    let bindings = (repeat (each controls).makeBinding())
    var widgets: [Widget] = []
    for binding in repeat each bindings { widgets.append(binding.widget) }
    let interaction = Interaction(controls: widgets) { body(repeat (each bindings).read()) }
    for binding in repeat each bindings { binding.observe { interaction.run() } }
    return interaction
}

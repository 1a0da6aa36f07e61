import Datasets
import Models
import NotebookDisplay
import Plotting
import Tensors

/// A decision-boundary figure that redraws itself while a model trains: shown once, then
/// replaced in place (one display id) every `every` steps, at most `framesPerSecond` times a
/// second of training (far under the Jupyter server's IOPub limits: a frame is one PNG, no SVG), and
/// always at the last step, which is what a saved notebook keeps. The frames drawn are kept
/// for `animation` (an animated GIF for slides).
///
///     let live = LiveDecisionBoundary(title: "cross-entropy", training: moons)
///     train(&model, optimizer: &optimizer, inputs: moons.inputs, labels: moons.labels, options: options,
///           watch: live.watch(every: 200))
///     try live.animation().save(to: "training.gif")
public final class LiveDecisionBoundary {
    /// The id of the notebook output the figure replaces.
    public let displayID = DisplayID.fresh("live-boundary")
    /// The frames drawn so far, oldest first.
    public private(set) var frames: [Figure] = []
    private let title: String
    private let training: Dataset<Float>
    private let range: PlotRange
    private let resolution: Int
    private let minimumInterval: Duration
    private var lastFrameAt: ContinuousClock.Instant?
    private var shown = false

    /// A live figure of the boundary of a model trained on `training` (2-D points).
    ///
    /// - Parameters:
    ///   - title: The panel's title; each frame adds "step N".
    ///   - training: The points drawn under the boundary (and that fix the plotted range).
    ///   - resolution: Grid points along each axis (lower draws faster).
    ///   - framesPerSecond: The most frames shown per second; looks that come sooner are skipped.
    public init(title: String, training: Dataset<Float>, resolution: Int = 120, framesPerSecond: Double = 4) {
        guard framesPerSecond > 0 else { fatalError("a live figure needs a positive frame rate, got \(framesPerSecond)") }
        self.title = title
        self.training = training
        self.range = PlotRange(bounding: [training.inputs])
        self.resolution = resolution
        self.minimumInterval = .seconds(1 / framesPerSecond)
    }

    /// `train`'s watch: a look every `every` steps, drawn when the frame rate allows, and
    /// always after the last step.
    public func watch<Model: Layer>(every: Int = 100, totalSteps: Int? = nil) -> TrainingWatch<Model> where Model.Scalar == Float {
        TrainingWatch(every: every) { [self] model, step in
            let isLast = totalSteps.map { step >= $0 } ?? false
            draw(DecisionBoundaryPanel("\(title), step \(step)", model: model, training: training), force: isLast)
        }
    }

    /// Draws a frame from `panel` (now when `force`, else if the frame rate allows).
    public func draw(_ panel: DecisionBoundaryPanel, force: Bool = true) {
        // The interval runs from the end of the last frame, so a frame that is slow to draw
        // (a fine grid, a slow build) leaves the training time in between, not more frames.
        if !force, let lastFrameAt, ContinuousClock.now - lastFrameAt < minimumInterval { return }
        defer { lastFrameAt = ContinuousClock.now }
        let figure = decisionBoundaryFigure(panels: [panel], range: range, resolution: resolution)  // PNG only
        frames.append(figure)
        if shown {
            updateDisplay(figure, id: displayID)
        } else {
            display(figure, id: displayID)
            shown = true
        }
    }

    /// The frames drawn so far as an animated GIF, each shown `delay` seconds.
    public func animation(delay: Double = 0.25) -> Animation {
        Animation(frames: frames, delay: delay)
    }
}

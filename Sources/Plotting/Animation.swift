import Foundation
import NotebookDisplay

/// Figures drawn one after another as an animated GIF (gnuplot's `gif animate` terminal), for
/// slides and READMEs: the frames a live figure showed while a model trained.
///
///     let animation = Animation(frames: figures, delay: 0.25)
///     try animation.save(to: "boundary.gif")
public struct Animation: Sendable, CustomStringConvertible {
    /// The frames, in order; the first one's size is the animation's.
    public var frames: [Figure]
    /// Seconds each frame stays (GIF delays are whole hundredths).
    public var delay: Double

    /// An animation of `frames`, each shown `delay` seconds, looping.
    public init(frames: [Figure], delay: Double = 0.25) {
        guard delay > 0 else { fatalError("an animation's frames need a positive delay, got \(delay)") }
        self.frames = frames
        self.delay = delay
    }

    /// "Animation: 12 frames of decision boundaries, 1 panel, 450x420".
    public var description: String {
        guard let first = frames.first else { return "Animation: no frames" }
        return "Animation: \(frames.count) frame\(frames.count == 1 ? "" : "s") of \(first.summary), \(first.width)x\(first.height)"
    }

    /// The gnuplot script: the GIF terminal, then every frame's commands (each plot is a
    /// frame), each from gnuplot's defaults (`reset`) with a palette of at most 64 colours (a
    /// GIF has 256, which a shaded decision boundary would otherwise exhaust).
    public func script() -> String {
        guard let first = frames.first else { return "" }
        let hundredths = max(1, Int((delay * 100).rounded()))
        return "set encoding utf8\n"
            + "set terminal gif animate delay \(hundredths) loop 0 size \(first.width),\(first.height) noenhanced font \"sans,10\" background \"#ffffff\"\n"
            + frames.map { "reset\nset palette maxcolors 64\n" + $0.body + ($0.body.hasSuffix("\n") ? "" : "\n") }.joined()
    }

    /// The animated GIF's bytes.
    /// - Throws: `GnuplotError` (gnuplot missing or rejecting the script), or
    ///   `FigureError.noFrames` for an animation without frames.
    public func gif() throws -> Data {
        guard let first = frames.first else { throw FigureError.noFrames }
        return try first.gnuplot.run(script: script())
    }

    /// Writes the animated GIF to `path`.
    public func save(to path: String) throws {
        try FigureError.write(try gif(), to: path)
    }
}

extension Animation: RichDisplayable {
    /// The GIF (base64) and the description; the description with the reason when it cannot be drawn.
    public var displayBundle: DisplayBundle {
        do {
            return DisplayBundle(plainText: description, ["image/gif": try gif().base64EncodedString()])
        } catch {
            return DisplayBundle(plainText: "\(description) (not drawn: \(error))")
        }
    }
}

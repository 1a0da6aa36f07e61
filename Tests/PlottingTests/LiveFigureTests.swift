import Datasets
import Foundation
import Models
@testable import MarginFigures
@testable import Plotting
import Tensors
import Testing

@Suite("Live figures and animations")
struct LiveFigureTests {
    @Test("an animation is a looping GIF of its frames; none is an error that says so")
    func animation() throws {
        let frames = (1...3).map { Figure(summary: "frame \($0)", width: 120, height: 80, body: "plot \($0)*x title \"\($0)\"") }
        let gif = try Animation(frames: frames, delay: 0.1).gif()
        #expect(gif.starts(with: Data("GIF89a".utf8)))
        #expect(gif.range(of: Data("NETSCAPE2.0".utf8)) != nil)  // the looping extension of an animated GIF
        // One image descriptor (0x2C after a graphic control block, 0x21 0xF9) per frame.
        let controlBlocks = zip(gif, gif.dropFirst()).filter { $0 == 0x21 && $1 == 0xF9 }.count
        #expect(controlBlocks == 3)
        #expect(Animation(frames: frames).description == "Animation: 3 frames of frame 1, 120x80")
        #expect(throws: FigureError.noFrames) { try Animation(frames: []).gif() }
    }

    @Test("a live boundary draws a frame per look the frame rate allows, and always the last")
    func liveBoundary() throws {
        let (training, _) = try Toy2D.twoMoons(noise: 0.1).sparseTrainDenseTest(trainCount: 40, testCount: 10, seed: 4)
        func run(framesPerSecond: Double) -> LiveDecisionBoundary {
            var g = SeededGenerator(seed: 5)
            var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 8, 2], using: &g)
            var optimizer = Adam<Float>(learningRate: 0.02)
            let live = LiveDecisionBoundary(title: "moons", training: training, resolution: 20, framesPerSecond: framesPerSecond)
            train(&model, optimizer: &optimizer, inputs: training.inputs, labels: training.labels,
                  options: TrainingOptions(steps: 40, batchSize: 40), watch: live.watch(every: 10, totalSteps: 40))
            return live
        }
        let every = run(framesPerSecond: 1e9)
        #expect(every.frames.map(\.svgDisplayLimit) == [0, 0, 0, 0])
        #expect(every.frames.allSatisfy { $0.body.contains("set title \"moons, step") })
        #expect(every.frames.last?.body.contains("moons, step 40") == true)
        let throttled = run(framesPerSecond: 1e-6)
        #expect(throttled.frames.count == 2)  // the first look, then the last step
        #expect(throttled.frames.last?.body.contains("moons, step 40") == true)
        #expect(every.displayID != throttled.displayID)
        #expect(try every.animation().gif().starts(with: Data("GIF89a".utf8)))
    }
}

import Foundation
import MarginTestSupport
import Models
import Tensors
import Testing

/// A one-parameter model, so each update can be checked by hand.
struct Scalar1: Layer {
    var w: Tensor<Double>
    func callAsFunction(_ x: Tensor<Double>) -> Tensor<Double> { x * w }
    mutating func forEachParameter(_ body: (inout Tensor<Double>) -> Void) { body(&w) }
}

private func model(_ w: [Double]) -> Scalar1 { Scalar1(w: Tensor(w)) }

@Suite("Optimizers, schedules and clipping")
struct OptimizerTests {
    @Test("SGD: w - lr g; momentum accumulates; Nesterov looks ahead; weight decay adds to g")
    func sgd() {
        var m = model([1, -2])
        var plain = SGD<Double>(learningRate: 0.1)
        plain.update(&m, along: model([0.5, 1]))
        expectClose(m.w, [0.95, -2.1], tolerance: 1e-12)

        var momentum = SGD<Double>(learningRate: 0.1, momentum: 0.9)
        m = model([1])
        momentum.update(&m, along: model([1]))   // v = 1, w = 0.9
        momentum.update(&m, along: model([1]))   // v = 1.9, w = 0.71
        expectClose(m.w, [0.71], tolerance: 1e-12)

        var nesterov = SGD<Double>(learningRate: 0.1, momentum: 0.9, nesterov: true)
        m = model([1])
        nesterov.update(&m, along: model([1]))   // v = 1, w -= 0.1 (1 + 0.9) -> 0.81
        expectClose(m.w, [0.81], tolerance: 1e-12)

        var decayed = SGD<Double>(learningRate: 0.1, weightDecay: 0.5)
        m = model([2])
        decayed.update(&m, along: model([0]))    // g = 0 + 0.5 * 2 = 1 -> 1.9
        expectClose(m.w, [1.9], tolerance: 1e-12)
    }

    @Test("RMSProp (TensorFlow form) by hand over two steps")
    func rmsprop() {
        var m = model([1])
        var opt = RMSProp<Double>(learningRate: 0.01, decay: 0.9, momentum: 0.5, epsilon: 1e-2)
        opt.update(&m, along: model([2]))
        let ms1 = 0.1 * 4.0
        let mom1 = 0.01 * 2 / (ms1 + 1e-2).squareRoot()
        expectClose(m.w, [1 - mom1], tolerance: 1e-12)
        opt.update(&m, along: model([-1]))
        let ms2 = 0.9 * ms1 + 0.1 * 1
        let mom2 = 0.5 * mom1 + 0.01 * -1 / (ms2 + 1e-2).squareRoot()
        expectClose(m.w, [1 - mom1 - mom2], tolerance: 1e-12)
    }

    @Test("RMSProp and Adam on a parameter large enough to be updated across cores: every element by hand")
    func largeParameter() {
        // 600,001 weights (two parts' worth, in unequal halves), each with its own gradient.
        let count = 600_001
        let w = (0..<count).map { Double($0 % 7) - 3 }, g = (0..<count).map { Double($0 % 5) - 2 }
        var m = model(w)
        var rmsprop = RMSProp<Double>(learningRate: 0.01, decay: 0.9, momentum: 0, epsilon: 1e-2)
        rmsprop.update(&m, along: model(g))
        let expected = zip(w, g).map { w, g in w - 0.01 * g / (0.1 * g * g + 1e-2).squareRoot() }
        // Counted, not compared as arrays: a failure reports a number, not 600,001 values.
        #expect(zip(m.w.scalars, expected).filter { abs($0 - $1) > 1e-12 }.count == 0)
        m = model(w)
        var adam = Adam<Double>(learningRate: 0.1)
        adam.update(&m, along: model(g))
        let adamExpected = zip(w, g).map { w, g in w - 0.1 * g / (abs(g) + 1e-8) }
        #expect(zip(m.w.scalars, adamExpected).filter { abs($0 - $1) > 1e-12 }.count == 0)
    }

    @Test("Adam's first step moves each weight by about lr in the direction against the gradient")
    func adam() {
        var m = model([1, 1])
        var opt = Adam<Double>(learningRate: 0.1)
        opt.update(&m, along: model([3, -0.001]))
        // m_hat = g, v_hat = g^2 -> step = lr * g / (|g| + eps)
        expectClose(m.w, [1 - 0.1 * 3 / (3 + 1e-8), 1 + 0.1 * 0.001 / (0.001 + 1e-8)], tolerance: 1e-12)
        opt.update(&m, along: model([1, 1]))
        let m2 = 0.9 * 0.1 * 3 + 0.1 * 1, v2 = 0.999 * 0.001 * 9 + 0.001 * 1
        let step = 0.1 * (m2 / (1 - 0.81)) / ((v2 / (1 - 0.999 * 0.999)).squareRoot() + 1e-8)
        expectClose(m.w.scalars[0], 1 - 0.1 * 3 / (3 + 1e-8) - step, tolerance: 1e-12)
    }

    @Test("learning-rate schedules at chosen steps")
    func schedules() {
        let staircase = ExponentialDecay(initial: 0.1, decayRate: 0.96, decaySteps: 2000)
        #expect(staircase.learningRate(atStep: 0) == 0.1)
        #expect(staircase.learningRate(atStep: 1999) == 0.1)
        expectClose(staircase.learningRate(atStep: 2000), 0.096, tolerance: 1e-15)
        expectClose(staircase.learningRate(atStep: 4000), 0.1 * 0.96 * 0.96, tolerance: 1e-15)
        let continuous = ExponentialDecay(initial: 0.1, decayRate: 0.96, decaySteps: 2000, mode: .continuous)
        expectClose(continuous.learningRate(atStep: 1000), 0.1 * 0.96.squareRoot(), tolerance: 1e-15)
        let step = StepDecay(initial: 1, factor: 0.1, boundaries: [10, 20])
        #expect([0, 9, 10, 19, 20, 100].map(step.learningRate(atStep:)).map { ($0 * 1000).rounded() } == [1000, 1000, 100, 100, 10, 10])
        let cosine = CosineDecay(initial: 1, final: 0.1, totalSteps: 100)
        expectClose(cosine.learningRate(atStep: 0), 1)
        expectClose(cosine.learningRate(atStep: 50), 0.55)
        expectClose(cosine.learningRate(atStep: 100), 0.1)
        expectClose(cosine.learningRate(atStep: 500), 0.1)
    }

    @Test("clipping by global norm scales every gradient by maxNorm / norm, and leaves small ones alone")
    func clipping() {
        var g = model([3, 4])
        #expect(clipByGlobalNorm(&g, maxNorm: 1) == 5)
        expectClose(g.w, [0.6, 0.8], tolerance: 1e-12)
        var small = model([0.3, 0.4])
        #expect(clipByGlobalNorm(&small, maxNorm: 1) == 0.5)
        expectClose(small.w, [0.3, 0.4], tolerance: 1e-15)
    }
}

import Foundation
import MarginTestSupport
import Tensors
import Testing

/// The four arithmetic operators, with their scalar forms and the plain `Double` operation
/// as the independent truth.
enum Arithmetic: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    var testDescription: String { rawValue }

    func callAsFunction(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Tensor<Double> {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        }
    }

    func callAsFunction(_ a: Tensor<Double>, _ b: Double) -> Tensor<Double> {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        }
    }

    func callAsFunction(_ a: Double, _ b: Tensor<Double>) -> Tensor<Double> {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        }
    }

    func scalar(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        }
    }
}

/// The elementwise unary primitives, each with an input domain away from its singularities
/// and kinks, and Foundation's scalar function as the independent truth.
enum Unary: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case negate, exp, log, sqrt, tanh, sigmoid, relu, abs

    var testDescription: String { rawValue }

    func callAsFunction(_ x: Tensor<Double>) -> Tensor<Double> {
        switch self {
        case .negate: return -x
        case .exp: return Tensors.exp(x)
        case .log: return Tensors.log(x)
        case .sqrt: return Tensors.sqrt(x)
        case .tanh: return Tensors.tanh(x)
        case .sigmoid: return Tensors.sigmoid(x)
        case .relu: return Tensors.relu(x)
        case .abs: return Tensors.abs(x)
        }
    }

    func scalar(_ x: Double) -> Double {
        switch self {
        case .negate: return -x
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .sqrt: return x.squareRoot()
        case .tanh: return Foundation.tanh(x)
        case .sigmoid: return 1 / (1 + Foundation.exp(-x))
        case .relu: return Swift.max(x, 0)
        case .abs: return Swift.abs(x)
        }
    }

    /// Inputs in the operation's domain: positive for log and sqrt, away from 0 for relu and
    /// abs, spread over [-2, 2] otherwise.
    func input(_ shape: [Int], seed: UInt64) -> Tensor<Double> {
        switch self {
        case .log, .sqrt: return randomTensor(shape, seed: seed, in: 0.3..<2)
        case .relu, .abs: return distinctTensor(shape, seed: seed, in: -2...2)
        default: return randomTensor(shape, seed: seed, in: -2..<2)
        }
    }

    /// Whether the second derivative exists everywhere on the input domain and is worth checking.
    var hasCurvature: Bool { ![.negate, .relu, .abs].contains(self) }
}

/// The value of `t` at output position `index` of a broadcast (NumPy rules), computed
/// independently of the library's broadcasting layouts.
func broadcastScalar(_ t: Tensor<Double>, at index: [Int]) -> Double {
    let offset = index.count - t.rank
    var flat = 0
    for axis in 0..<t.rank {
        let i = t.shape[axis] == 1 ? 0 : index[offset + axis]
        flat = flat * t.shape[axis] + i
    }
    return t.scalars[flat]
}

/// The broadcast result shape, computed independently.
func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
    let rank = Swift.max(a.count, b.count)
    let l = [Int](repeating: 1, count: rank - a.count) + a
    let r = [Int](repeating: 1, count: rank - b.count) + b
    return zip(l, r).map { Swift.max($0, $1) }
}

/// `f` applied to each pair of broadcast scalars: the expected value of a binary operation.
func expectedBinary(_ a: Tensor<Double>, _ b: Tensor<Double>, _ f: (Double, Double) -> Double) -> Tensor<Double> {
    let shape = broadcastShape(a.shape, b.shape)
    let count = shape.reduce(1, *)
    let scalars = (0..<count).map { flat -> Double in
        let index = multiIndex(flat, shape: shape)
        return f(broadcastScalar(a, at: index), broadcastScalar(b, at: index))
    }
    return Tensor(shape: shape, scalars: scalars)
}

let elementwiseShapes: [[Int]] = [[], [5], [3, 4], [2, 3, 4]]

extension TensorsSuite {
    @Suite("Elementwise operations")
    struct ElementwiseTests {
        // MARK: Values

        @Test(
            "a binary operator broadcasts like NumPy and computes each element", arguments: Arithmetic.allCases,
            ShapePair.broadcastingCases)
        func binaryValues(op: Arithmetic, pair: ShapePair) {
            let a = randomTensor(pair.lhs, seed: 1)
            let b = randomTensor(pair.rhs, seed: 2, in: 0.5..<1.5)
            expectClose(op(a, b), expectedBinary(a, b, op.scalar), tolerance: 1e-15)
        }

        @Test("a binary operator with a scalar on either side computes each element", arguments: Arithmetic.allCases)
        func scalarFormValues(op: Arithmetic) {
            let x = randomTensor([2, 3], seed: 3, in: 0.5..<1.5)
            expectClose(op(x, 0.75), x.scalars.map { op.scalar($0, 0.75) })
            expectClose(op(0.75, x), x.scalars.map { op.scalar(0.75, $0) })
        }

        @Test("a unary operation computes each element as the scalar function does", arguments: Unary.allCases)
        func unaryValues(op: Unary) {
            let x = op.input([3, 4], seed: 4)
            expectClose(op(x), x.scalars.map(op.scalar), tolerance: 1e-14)
        }

        @Test("hand-computed values: relu, abs, sign, sigmoid(0), sqrt(4), pow(2, 3)")
        func handValues() {
            let x = Tensor<Double>([-1.5, 0, 2])
            #expect(relu(x).scalars == [0, 0, 2])
            #expect(abs(x).scalars == [1.5, 0, 2])
            #expect(sign(x).scalars == [-1, 0, 1])
            #expect(sigmoid(Tensor<Double>(0)).scalar == 0.5)
            #expect(sqrt(Tensor<Double>([4, 9])).scalars == [2, 3])
            #expect(pow(Tensor<Double>([2]), Tensor<Double>([3])).scalars == [8])
            #expect(pow(Tensor<Double>([2, 3]), 2).scalars == [4, 9])
            #expect(max(x, 0.5).scalars == [0.5, 0.5, 2])
            #expect(min(x, Tensor<Double>([0, 0, 0])).scalars == [-1.5, 0, 0])
        }

        @Test("sigmoid saturates without NaN at large magnitudes, in Float and Double")
        func sigmoidIsStable() {
            let d = sigmoid(Tensor<Double>([-800, 800]))
            #expect(d.scalars == [0, 1])
            let f = sigmoid(Tensor<Float>([-200, 200]))
            #expect(f.scalars == [0, 1])
            #expect(tanh(Tensor<Float>([-50, 50])).scalars == [-1, 1])
        }

        @Test("the compound assignment operators update in place like their binary forms")
        func compoundAssignment() {
            var x = Tensor<Double>([1, 2, 3])
            x += Tensor([1, 1, 1])
            x *= 2
            x -= Tensor([1])
            x /= Tensor(2)
            x += 1
            x -= 0.5
            x *= Tensor([1, 2, 3])
            x /= 0.5
            #expect(x.scalars == [4, 12, 24])
        }

        @Test("Float and Double agree on the same computation to Float precision")
        func floatMatchesDouble() {
            let d = randomTensor([4, 5], seed: 5, in: 0.5..<2)
            let f = Tensor<Float>(converting: d)
            let dd = tanh(d * d) / sqrt(d) + log(d) - exp(-d)
            let ff = tanh(f * f) / sqrt(f) + log(f) - exp(-f)
            expectClose(ff, Tensor<Float>(converting: dd), tolerance: 1e-5)
        }

        // MARK: First derivatives

        @Test(
            "d(a op b) matches finite differences with broadcasting", arguments: Arithmetic.allCases,
            ShapePair.broadcastingCases)
        func binaryGradient(op: Arithmetic, pair: ShapePair) {
            let a = randomTensor(pair.lhs, seed: 6)
            let b = randomTensor(pair.rhs, seed: 7, in: 0.5..<1.5)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(op($0[0], $0[1])) }, at: [a, b])
        }

        @Test("d(x op c) and d(c op x) for a scalar c match finite differences", arguments: Arithmetic.allCases)
        func scalarFormGradient(op: Arithmetic) {
            let x = randomTensor([2, 3], seed: 8, in: 0.5..<1.5)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(op($0, 1.25)) }, at: x)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(op(1.25, $0)) }, at: x)
        }

        @Test(
            "a binary operator with both operands the same tensor adds both contributions",
            arguments: Arithmetic.allCases)
        func sameOperandTwice(op: Arithmetic) {
            let x = randomTensor([3], seed: 9, in: 0.5..<1.5)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(op($0, $0) * $0) }, at: x)
        }

        @Test("d(unary op) matches finite differences", arguments: Unary.allCases, elementwiseShapes)
        func unaryGradient(op: Unary, shape: [Int]) {
            let x = op.input(shape, seed: 10)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(op($0)) }, at: x)
        }

        @Test(
            "d pow(x, p) for a tensor exponent matches finite differences in base and exponent",
            arguments: ShapePair.broadcastingCases)
        func powGradient(pair: ShapePair) {
            let base = randomTensor(pair.lhs, seed: 11, in: 0.5..<2)
            let exponent = randomTensor(pair.rhs, seed: 12, in: -1.5..<2.5)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(pow($0[0], $0[1])) }, at: [base, exponent])
        }

        @Test("d pow(x, p) for a scalar exponent matches finite differences", arguments: [-1.5, 0.5, 1, 2, 3])
        func powScalarExponentGradient(p: Double) {
            let x = randomTensor([3, 4], seed: 13, in: 0.5..<2)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(pow($0, p)) }, at: x)
        }

        @Test(
            "d max(a, b) and d min(a, b) match finite differences away from ties",
            arguments: ShapePair.broadcastingCases)
        func maxMinGradient(pair: ShapePair) {
            let (a, b) = distinctTensors(pair, seed: 14)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(max($0[0], $0[1])) }, at: [a, b])
            expectGradientMatchesFiniteDifferences(of: { weightedSum(min($0[0], $0[1])) }, at: [a, b])
        }

        @Test("max and min with a scalar bound match finite differences")
        func maxMinScalarGradient() {
            let x = distinctTensor([3, 4], seed: 15)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(max($0, 0.1)) }, at: x)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(min($0, -0.2)) }, at: x)
        }

        @Test("at a tie, max and min send the whole gradient to the first operand")
        func tiesGoToFirstOperand() {
            let a = Tensor<Double>([1, 2]).requiringGradient()
            let b = Tensor<Double>([1, 3]).requiringGradient()
            let g = gradients(of: max(a, b).sum(), withRespectTo: [a, b])
            #expect(g[0].scalars == [1, 0])
            #expect(g[1].scalars == [0, 1])
            let h = gradients(of: min(a, b).sum(), withRespectTo: [a, b])
            #expect(h[0].scalars == [1, 1])
            #expect(h[1].scalars == [0, 0])
        }

        @Test("relu and abs have derivative 0 at 0")
        func kinksAtZero() {
            let x = Tensor<Double>([0, 0])
            #expect(gradient(at: x) { relu($0).sum() }.scalars == [0, 0])
            #expect(gradient(at: x) { abs($0).sum() }.scalars == [0, 0])
        }

        // MARK: Second derivatives

        @Test(
            "Hessian-vector products of smooth unary operations match finite differences",
            arguments: Unary.allCases.filter(\.hasCurvature))
        func unaryHessian(op: Unary) {
            let x = op.input([3, 4], seed: 16)
            let v = randomTensor([3, 4], seed: 17)
            expectHessianVectorProductMatchesFiniteDifferences(of: { weightedSum(op($0)) }, at: x, direction: v)
        }

        @Test(
            "Hessian-vector products of * and / and pow match finite differences with broadcasting",
            arguments: ShapePair.broadcastingCases)
        func binaryHessian(pair: ShapePair) {
            let a = randomTensor(pair.lhs, seed: 18, in: 0.5..<1.5)
            let b = randomTensor(pair.rhs, seed: 19, in: 0.5..<1.5)
            let v = [randomTensor(pair.lhs, seed: 20), randomTensor(pair.rhs, seed: 21)]
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum($0[0] * $0[1] * $0[0]) }, at: [a, b], direction: v)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum($0[0] / $0[1]) }, at: [a, b], direction: v)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum(pow($0[0], $0[1])) }, at: [a, b], direction: v)
        }

        @Test("relu and abs have zero curvature away from 0, composed with a smooth function")
        func kinkedHessian() {
            let x = distinctTensor([3, 4], seed: 22)
            let v = randomTensor([3, 4], seed: 23)
            expectHessianVectorProductMatchesFiniteDifferences(of: { weightedSum(relu($0) * $0) }, at: x, direction: v)
            expectHessianVectorProductMatchesFiniteDifferences(of: { weightedSum(abs($0) * $0) }, at: x, direction: v)
            let (a, b) = distinctTensors(ShapePair([3, 4], [4]), seed: 24)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum(max($0[0], $0[1]) * min($0[0], $0[1])) }, at: [a, b],
                direction: [v, randomTensor([4], seed: 25)])
        }

        // MARK: Large tensors, split across cores

        @Test("elementwise results on tensors split across cores equal the element-by-element computation")
        func splitAcrossCores() {
            // Over two parts' worth of elements (an odd count: the parts differ in size).
            let (a, b) = (randomTensor([600_001], seed: 30), randomTensor([600_001], seed: 31))
            let (x, y) = (a.scalars, b.scalars)
            // Counted, not compared as arrays: a failure then reports a number, not 600,001 values.
            func mismatches(_ result: Tensor<Double>, _ expected: [Double]) -> Int {
                zip(result.scalars, expected).filter { $0 != $1 }.count + abs(result.count - expected.count)
            }
            #expect(mismatches(a + b, zip(x, y).map { $0 + $1 }) == 0)
            #expect(mismatches(a * 3, x.map { $0 * 3 }) == 0)
            #expect(mismatches(Tensor(3.0) - a, x.map { 3 - $0 }) == 0)
            #expect(mismatches(relu(a), x.map { Swift.max($0, 0) }) == 0)
            let input = a.requiringGradient()
            #expect(mismatches(Tensors.gradients(of: relu(input), withRespectTo: [input], seed: b)[0], zip(x, y).map { $0 > 0 ? $1 : 0 }) == 0)
        }

        @Test("relu's pullback keeps the gradient where the input is positive, and is linear in it (second order)")
        func reluPullback() {
            let x = Tensor<Double>([-1, 0, 2, 3])
            let w = Tensor<Double>([.nan, 6, 7, 8]).requiringGradient()
            // d/dx sum(w relu(x)) = w where x > 0, else 0: even a NaN weight is dropped where
            // x <= 0, as PyTorch's relu does (a product with a 0/1 mask would give NaN there).
            let input = x.requiringGradient()
            let first = Tensors.gradients(of: (w * relu(input)).sum(), withRespectTo: [input], graph: .recorded)[0]
            #expect(first.scalars == [0, 0, 7, 8])
            // d/dw sum(c * (w where x > 0)) = c where x > 0.
            let c = Tensor<Double>([1, 2, 3, 4])
            #expect(Tensors.gradients(of: (c * first).sum(), withRespectTo: [w])[0].scalars == [0, 0, 3, 4])
        }
    }
}

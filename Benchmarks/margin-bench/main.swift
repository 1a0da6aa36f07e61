// Prints the numeric core's figures on this machine (never asserted; see docs/performance.md):
//   margin-bench [all|blas|step|margin|ops]
//   margin-bench step --profile     500 steps and exit, for valgrind --tool=callgrind
//   margin-bench margin --profile [STEPS] [--loss NAME]   STEPS (300) steps of the first loss whose name
//                                   contains NAME ("paper l2 first-order") and exit, likewise
//   margin-bench cnn --profile STEPS [--only NAME]   STEPS CNN steps of the last selected loss and exit
//   margin-bench cnn [--seconds S] [--only SUBSTRING ...]   the MNIST-shaped CNN, batch 256 (not in "all":
//                                   minutes, not seconds)
//   margin-bench idx [--directory D] [--repeats N]   reading Fashion-MNIST's four gzipped IDX files and
//                                   FashionMNIST.load() (not in "all")
//   margin-bench images [--seconds S] [--network mlp|cnn]   the image notebooks' networks (MLP 784-256-256-10,
//                                   batch 128; the paper's CNN, batch 256): cross-entropy and first-order margin
//                                   steps and an IFGSM iteration on 1,000 images, interleaved (not in "all")
//   margin-bench cnn-pass [--seconds S]   the CNN's nine-seed margin pass alone, beside a cross-entropy
//                                   step; its way back through the second convolution, scattered and dense
// Compare with the PyTorch peers: Benchmarks/peers/torch_toy.py (step) and
// Benchmarks/peers/torch_margin_steps.py (margin and cnn, the same configurations).
// On a busy machine, compare instruction counts instead of times (deterministic; valgrind cannot
// read the binary's debug info, so strip it first):
//   objcopy --strip-debug .build/release/margin-bench /tmp/mb
//   OPENBLAS_NUM_THREADS=1 valgrind --tool=callgrind /tmp/mb margin --profile 300 --loss "cross-entropy"
import Foundation
import MarginKit

let which = CommandLine.arguments.dropFirst().first ?? "all"

/// Labels for random 2-D points: 1 where the first coordinate is positive (timing does not
/// depend on the data, only on the shapes).
func signLabels(_ points: Tensor<Float>) -> [Int] {
    let scalars = points.scalars
    return stride(from: 0, to: scalars.count, by: 2).map { scalars[$0] > 0 ? 1 : 0 }
}

/// The word after `option` among the arguments after the workload's name, if any.
func optionValue(_ option: String) -> String? {
    let arguments = Array(CommandLine.arguments.dropFirst(2))
    return arguments.firstIndex(of: option).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

let quiet = QuietCheck()
print("swift-margin numeric core benchmark")
print(BLAS.configuration)
print("cores: \(ProcessInfo.processInfo.activeProcessorCount)")

if which == "all" || which == "blas" {
    print("\n== matmul, Float32, n x n by n x n (GFLOP/s, median)")
    print("     n   raw cblas_sgemm   Tensor matmul   ratio")
    for n in [64, 256, 1024, 2048] {
        var g = SeededGenerator(seed: 1)
        let a = Tensor<Float>(randomNormal: [n, n], using: &g)
        let b = Tensor<Float>(randomNormal: [n, n], using: &g)
        var c = [Float](repeating: 0, count: n * n)
        let flops = 2 * Double(n) * Double(n) * Double(n)
        let budget = n >= 1024 ? 2.0 : 1.0
        let inner = n <= 64 ? 200 : (n <= 256 ? 10 : 1)
        let raw = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    medianSeconds(seconds: budget, inner: inner) {
                        BLAS.rawSgemm(m: n, n: n, k: n, a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
                    }
                }
            }
        }
        let tensor = medianSeconds(seconds: budget, inner: inner) { _ = matmul(a, b) }
        print(String(format: "%6d   %15.1f   %13.1f   %5.2f", n, flops / raw / 1e9, flops / tensor / 1e9, raw / tensor))
    }
}

if which == "all" || which == "step" {
    print("\n== toy training step: MLP 2-32-32-32-32-2 (ReLU), batch 128, softmax cross-entropy, RMSProp")
    var g = SeededGenerator(seed: 0)
    let inputs = Tensor<Float>(randomNormal: [4096, 2], using: &g)
    let labels = signLabels(inputs)
    var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 32, 32, 32, 32, 2], using: &g)
    var optimizer = RMSProp<Float>(learningRate: 0.01)
    var sampler = MinibatchSampler(count: 4096, batchSize: 128, seed: 0)
    let batches = (0..<64).map { _ -> LabeledBatch<Float> in
        let idx = sampler.next()
        return LabeledBatch(inputs: inputs.gathering(atIndices: idx), labels: idx.map { labels[$0] })
    }
    var i = 0
    func step() {
        let batch = batches[i % batches.count]
        i += 1
        let (_, gradient) = valueWithGradient(at: model) { m in softmaxCrossEntropy(logits: m(batch.inputs), labels: batch.labels) }
        optimizer.update(&model, along: gradient)
    }
    if CommandLine.arguments.contains("--profile") {
        for _ in 0..<500 { step() }
        exit(0)
    }
    let full = medianSeconds(seconds: 3, inner: 20, warmup: 200) { step() }
    let forward = medianSeconds(seconds: 1, inner: 20) {
        _ = withoutGradientRecording { softmaxCrossEntropy(logits: model(batches[0].inputs), labels: batches[0].labels) }
    }
    print(String(format: "step (forward + backward + RMSProp): %.1f us  (%.0f steps/s)", full * 1e6, 1 / full))
    print(String(format: "forward only (no gradient recording): %.1f us", forward * 1e6))
}

if which == "all" || which == "margin" {
    print("\n== loss step times: toy MLP 2-32-32-32-32-2, batch 128, margin on the input and all 4 hidden layers, RMSProp")
    var g = SeededGenerator(seed: 0)
    let inputs = Tensor<Float>(randomNormal: [128, 2], using: &g)
    let labels = signLabels(inputs)
    let initial = Sequential<Float>.multilayerPerceptron(sizes: [2, 32, 32, 32, 32, 2], using: &g)
    let losses: [NamedLoss] = [
        ("cross-entropy", { softmaxCrossEntropy(logits: $0(inputs), labels: labels) }),
        ("multi-class hinge", { multiclassHinge(logits: $0(inputs), labels: labels) }),
    ] + [MarginConfiguration.GradientMode.firstOrder, .exact].flatMap { mode in
        [MarginConfiguration.Form.paper, .reference(alpha: 4)].map { form -> NamedLoss in
            let configuration = form == .paper
                ? MarginConfiguration(gamma: 1, norm: .l2, gradient: mode)
                : MarginConfiguration(gamma: 10_000, norm: .lInfinity, aggregation: .topK(1), gradient: mode, form: form)
            let name = "margin \(form == .paper ? "paper l2" : "reference l_inf") \(mode == .exact ? "exact" : "first-order")"
            return (name, { largeMarginLoss(model: $0, inputs: inputs, labels: labels, layers: [-1, 0, 1, 2, 3], configuration: configuration) })
        }
    }
    if CommandLine.arguments.contains("--profile") {
        // margin --profile [STEPS] [--loss NAME]: untimed steps of one loss, for a profiler.
        let steps = optionValue("--profile").flatMap { Int($0) } ?? 300
        let wanted = optionValue("--loss") ?? "paper l2 first-order"
        guard let (_, loss) = losses.first(where: { $0.0.contains(wanted) }) else {
            print("no loss named like \"\(wanted)\"; the losses are: \(losses.map(\.0).joined(separator: ", "))")
            exit(2)
        }
        runSteps(of: loss, from: initial, steps: steps)
        exit(0)
    }
    printLossSteps(losses, from: initial, secondsPerLoss: 1.5, inner: 10, inMilliseconds: false, nameWidth: 40)
}

if which == "all" || which == "ops" {
    print("\n== per-operation overhead on tiny tensors (median ns per op)")
    let a = Tensor<Float>([1, 2, 3, 4]), b = Tensor<Float>([5, 6, 7, 8])
    let m = Tensor<Float>([[1, 2], [3, 4]])
    let tracked = a.requiringGradient()
    let add = medianSeconds(seconds: 0.5, inner: 1000) { _ = a + b }
    let addRecorded = medianSeconds(seconds: 0.5, inner: 1000) { _ = tracked + b }
    let reluOp = medianSeconds(seconds: 0.5, inner: 1000) { _ = relu(a) }
    let mm = medianSeconds(seconds: 0.5, inner: 1000) { _ = matmul(m, m) }
    let sum = medianSeconds(seconds: 0.5, inner: 1000) { _ = a.sum() }
    print(String(format: "a + b (4 elements):              %6.0f ns", add * 1e9))
    print(String(format: "a + b, recorded for autodiff:    %6.0f ns", addRecorded * 1e9))
    print(String(format: "relu(a):                         %6.0f ns", reluOp * 1e9))
    print(String(format: "a.sum():                         %6.0f ns", sum * 1e9))
    print(String(format: "matmul 2x2:                      %6.0f ns", mm * 1e9))
}
if which == "cnn" {
    let arguments = Array(CommandLine.arguments.dropFirst(2))
    let only = arguments.firstIndex(of: "--only").map { Array(arguments[($0 + 1)...]) } ?? []
    let profileSteps = optionValue("--profile").flatMap { Int($0) }
    runConvolutionalWorkload(seconds: optionValue("--seconds").flatMap { Double($0) } ?? 8, only: only, profileSteps: profileSteps)
    if profileSteps != nil { exit(0) }
}
if which == "images" {
    let selected = [ImageNetwork.mlp, .cnn].filter { network in optionValue("--network").map { $0 == network.name } ?? true }
    runImageWorkload(seconds: optionValue("--seconds").flatMap { Double($0) } ?? 3, networks: selected)
}
if which == "cnn-pass" {
    runSeedPassWorkload(seconds: optionValue("--seconds").flatMap { Double($0) } ?? 8)
}
if which == "idx" {
    runIDXWorkload(directory: optionValue("--directory") ?? FashionMNIST.debianDirectory, repeats: optionValue("--repeats").flatMap { Int($0) } ?? 5)
}
print("\n" + quiet.report())

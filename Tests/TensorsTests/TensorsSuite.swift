import Testing

/// The parent of every suite in this target, run one test at a time.
///
/// Whether operations are recorded for differentiation is process-wide state
/// (`GradientRecording`: "differentiate from one thread at a time"). A gradient computed on
/// one thread switches recording off while its backward pass runs, so a test computing
/// forward on another thread at that moment would get constants and zero gradients. Swift
/// Testing runs tests in parallel by default; `.serialized` here applies to every nested
/// suite and parameterised case.
@Suite("Tensors", .serialized)
enum TensorsSuite {}

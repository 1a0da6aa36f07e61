import Tensors

// Batched input gradients (`Layer.inputGradient(of:input:output:)`): a layer maps gradients with
// respect to its output back to its input for several seeds per sample at once, one batched
// vector-Jacobian product instead of one backward pass per seed. The large-margin loss uses it
// to get every compared class's gradients from one pass back through the model
// (`SequentialTrace.inputGradients(of:at:)`).
//
// The contract: for an input of B samples and `seeds` [R·B, output shape...] holding R seeds
// per sample, replica-major (row r·B + b belongs to sample b), the result is [R·B, input
// shape...], row by row the gradient of ⟨seed, layer(input)⟩ with respect to the input.
// `output` is `layer(input)`, computed once by the caller. The result is built from
// differentiable operations on the seeds, the parameters, `input` and `output`, so
// differentiating it again (the exact margin gradient) is exact.

extension Tensor {
    /// Seeds [R·B, ...] multiplied by a per-sample factor [B, ...] (the same factor for each of
    /// the R replicas): the local derivative of an elementwise layer applied to every seed.
    public func multiplyingEachReplica(by perSample: Tensor) -> Tensor {
        let samples = perSample.shape[0]
        guard samples > 0, shape[0] % samples == 0, Array(shape.dropFirst()) == Array(perSample.shape.dropFirst()) else {
            fatalError(ShapeError.mismatch(operation: "multiplyingEachReplica (seeds vs per-sample factor)",
                                           lhs: shape, rhs: perSample.shape).description)
        }
        if shape[0] == samples { return self * perSample }
        // As [R, B·rest] times [B·rest]: one long contiguous row per replica for the kernel.
        let replicas = shape[0] / samples
        return (reshaped(to: [replicas, perSample.count]) * perSample.reshaped(to: [perSample.count])).reshaped(to: shape)
    }
}

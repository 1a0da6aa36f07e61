// Slices, padding, gather/scatter and concatenation along one axis. Each views the tensor
// as [outer, axis, inner] and copies contiguous runs.

extension Tensor {
    /// (outer, size of axis, inner) for `axis`.
    private func split(at axis: Int) -> (outer: Int, size: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// The elements whose index along `axis` lies in `range`.
    ///
    ///     Tensor<Float>([[1, 2, 3], [4, 5, 6]]).slicing(axis: 1, range: 1..<3)   // [[2, 3], [5, 6]]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func slicing(axis: Int, range: Range<Int>) -> Tensor {
        let a = normalized(axis: axis, operation: "slicing")
        guard range.lowerBound >= 0, range.upperBound <= shape[a] else {
            fail(.invalid("slice \(range) is out of bounds for axis \(a) of size \(shape[a]) (shape \(shape))"))
        }
        let (outer, size, inner) = split(at: a)
        var newShape = shape
        newShape[a] = range.count
        let run = range.count * inner
        let value = Tensor(shape: newShape) { out in
            for o in 0..<outer {
                (out + o * run).initialize(from: buffer.base + (o * size + range.lowerBound) * inner, count: run)
            }
        }
        return Tensor.recording(value, input: self) { g in
            g.padding(axis: a, before: range.lowerBound, after: size - range.upperBound)
        }
    }

    /// This tensor with `before` and `after` zeros added along `axis` (the adjoint of `slicing`).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func padding(axis: Int, before: Int, after: Int) -> Tensor {
        let a = normalized(axis: axis, operation: "padding")
        guard before >= 0, after >= 0 else { fail(.invalid("padding needs non-negative sizes, got \(before) and \(after)")) }
        let (outer, size, inner) = split(at: a)
        var newShape = shape
        newShape[a] = size + before + after
        let newSize = newShape[a]
        let value = Tensor(shape: newShape) { out in
            out.initialize(repeating: 0, count: outer * newSize * inner)
            for o in 0..<outer {
                (out + (o * newSize + before) * inner).update(from: buffer.base + o * size * inner, count: size * inner)
            }
        }
        return Tensor.recording(value, input: self) { g in g.slicing(axis: a, range: before..<(before + size)) }
    }

    /// The rows `range` of the first axis.
    public subscript(range: Range<Int>) -> Tensor { slicing(axis: 0, range: range) }

    /// The sub-tensor at `index` of the first axis (one rank less).
    public subscript(index: Int) -> Tensor {
        guard rank > 0 else { fail(.invalid("cannot index a scalar tensor")) }
        guard index >= 0 && index < shape[0] else {
            fail(.invalid("index \(index) is out of range for axis 0 of size \(shape[0])"))
        }
        return slicing(axis: 0, range: index..<(index + 1)).reshaped(to: Array(shape.dropFirst()))
    }

    /// The sub-tensors at `indices` along `axis`, in that order (indices may repeat).
    ///
    ///     Tensor<Float>([[1, 2], [3, 4], [5, 6]]).gathering(atIndices: [2, 0])   // [[5, 6], [1, 2]]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gathering(atIndices indices: [Int], alongAxis axis: Int = 0) -> Tensor {
        let a = normalized(axis: axis, operation: "gathering")
        let (outer, size, inner) = split(at: a)
        if let bad = indices.first(where: { $0 < 0 || $0 >= size }) {
            fail(.invalid("gather index \(bad) is out of range for axis \(a) of size \(size)"))
        }
        var newShape = shape
        newShape[a] = indices.count
        let value = Tensor(shape: newShape) { out in
            for o in 0..<outer {
                for (k, index) in indices.enumerated() {
                    (out + (o * indices.count + k) * inner).initialize(from: buffer.base + (o * size + index) * inner, count: inner)
                }
            }
        }
        return Tensor.recording(value, input: self) { g in g.scatteringAdd(atIndices: indices, alongAxis: a, size: size) }
    }

    /// A tensor with `size` entries along `axis`, where entry `indices[k]` accumulates this
    /// tensor's entry `k` (the adjoint of `gathering`).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func scatteringAdd(atIndices indices: [Int], alongAxis axis: Int, size: Int) -> Tensor {
        let a = normalized(axis: axis, operation: "scatteringAdd")
        let (outer, count, inner) = split(at: a)
        guard count == indices.count else {
            fail(.invalid("scatteringAdd has \(indices.count) indices for an axis of size \(count)"))
        }
        if let bad = indices.first(where: { $0 < 0 || $0 >= size }) {
            fail(.invalid("scatter index \(bad) is out of range for a result axis of size \(size)"))
        }
        var newShape = shape
        newShape[a] = size
        let value = Tensor(shape: newShape) { out in
            out.initialize(repeating: 0, count: outer * size * inner)
            for o in 0..<outer {
                for (k, index) in indices.enumerated() {
                    let target = out + (o * size + index) * inner
                    let source = buffer.base + (o * count + k) * inner
                    for i in 0..<inner { target[i] += source[i] }
                }
            }
        }
        return Tensor.recording(value, input: self) { g in g.gathering(atIndices: indices, alongAxis: a) }
    }

    /// The tensors joined along `axis`; all other sizes must agree.
    ///
    ///     Tensor(concatenating: [a, b], alongAxis: 0)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(concatenating tensors: [Tensor], alongAxis axis: Int = 0) {
        guard let first = tensors.first else { fail(.invalid("concatenating needs at least one tensor")) }
        let a = first.normalized(axis: axis, operation: "concatenating")
        for t in tensors.dropFirst() {
            var lhs = first.shape, rhs = t.shape
            guard lhs.count == rhs.count else { fail(.mismatch(operation: "concatenating", lhs: first.shape, rhs: t.shape)) }
            lhs[a] = 0
            rhs[a] = 0
            guard lhs == rhs else { fail(.mismatch(operation: "concatenating along axis \(a)", lhs: first.shape, rhs: t.shape)) }
        }
        let sizes = tensors.map { $0.shape[a] }
        let total = sizes.reduce(0, +)
        var newShape = first.shape
        newShape[a] = total
        let outer = first.shape[..<a].reduce(1, *)
        let inner = first.shape[(a + 1)...].reduce(1, *)
        let value = Tensor(shape: newShape) { out in
            var offset = 0
            for o in 0..<outer {
                for (t, size) in zip(tensors, sizes) {
                    (out + offset).initialize(from: t.buffer.base + o * size * inner, count: size * inner)
                    offset += size * inner
                }
            }
        }
        self = Tensor.recording(value, inputs: tensors) { g in
            var start = 0
            return zip(tensors, sizes).map { t, size in
                defer { start += size }
                return t.isWantedByBackpropagation ? g.slicing(axis: a, range: start..<(start + size)) : nil
            }
        }
    }

    /// The tensors, all of one shape, stacked along a new axis at `axis`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(stacking tensors: [Tensor], alongAxis axis: Int = 0) {
        guard let first = tensors.first else { fail(.invalid("stacking needs at least one tensor")) }
        let a = first.normalized(axis: axis, operation: "stacking", rank: first.rank + 1)
        for t in tensors where t.shape != first.shape {
            fail(.mismatch(operation: "stacking", lhs: first.shape, rhs: t.shape))
        }
        var expanded = first.shape
        expanded.insert(1, at: a)
        self.init(concatenating: tensors.map { $0.reshaped(to: expanded) }, alongAxis: a)
    }
}

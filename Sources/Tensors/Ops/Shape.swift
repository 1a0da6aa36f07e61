// Reshape, broadcast, transpose: moving values without arithmetic.

extension Tensor {
    /// The same values in a new shape with the same number of elements; one size may be -1
    /// (inferred). Shares storage: no copy.
    ///
    ///     Tensor<Float>(zeros: [2, 6]).reshaped(to: [3, -1]).shape   // [3, 4]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func reshaped(to newShape: [Int]) -> Tensor {
        var target = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != inferred }.reduce(1) { $0 * $1.element }
            guard known > 0, count % known == 0 else {
                fail(.invalid("cannot reshape a tensor of shape \(shape) to \(newShape)"))
            }
            target[inferred] = count / known
        }
        guard target.allSatisfy({ $0 >= 0 }), target.reduce(1, *) == count else {
            fail(.invalid("cannot reshape a tensor of shape \(shape) (\(count) elements) to \(newShape)"))
        }
        if target == shape { return self }
        return Tensor.recording(Tensor(shape: target, buffer: buffer), input: self) { [shape] g in g.reshaped(to: shape) }
    }

    /// This tensor repeated along its size-1 (or missing leading) axes to `target` (NumPy's
    /// broadcasting).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func broadcast(to target: [Int]) -> Tensor {
        if target == shape { return self }
        guard let layout = BroadcastLayout(left: shape, right: target), layout.outputShape == target else {
            fail(.mismatch(operation: "broadcast", lhs: shape, rhs: target))
        }
        let value: Tensor
        if count == 1 {
            value = Tensor(repeating: buffer.base[0], shape: target)
        } else if let repetition = BroadcastRepetition(from: shape, to: target) {
            value = Tensor(shape: target) { repetition.fill($0, from: buffer.base, count: count) }
        } else {
            let zero = Tensor(0)
            let expansion = BroadcastLayout(expanding: layout)
            value = Tensor(shape: target) { Scalar._binary(.add, buffer.base, zero.buffer.base, $0, layout: expansion) }
        }
        return Tensor.recording(value, input: self) { [shape] g in g.sum(toShape: shape) }
    }

    /// The sum of this tensor over the axes along which `target` was broadcast to its shape
    /// (the adjoint of `broadcast(to:)`).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sum(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        let extra = rank - target.count
        guard extra >= 0 else { fail(.mismatch(operation: "sum(toShape:)", lhs: shape, rhs: target)) }
        var axes = Array(0..<extra)
        for (i, size) in target.enumerated() {
            if size == 1 && shape[extra + i] != 1 {
                axes.append(extra + i)
            } else if size != shape[extra + i] {
                fail(.mismatch(operation: "sum(toShape:)", lhs: shape, rhs: target))
            }
        }
        return sum(alongAxes: axes, keepingDimensions: true).reshaped(to: target)
    }

    /// The axes reordered: axis `i` of the result is axis `permutation[i]` of this tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func transposed(permutation: [Int]) -> Tensor {
        guard permutation.count == rank, Set(permutation) == Set(0..<rank) else {
            fail(.invalid("transposed(permutation: \(permutation)) is not a permutation of the axes of a tensor of shape \(shape)"))
        }
        if permutation == Array(0..<rank) { return self }
        let newShape = permutation.map { shape[$0] }
        let sourceStrides = Tensor.strides(of: shape)
        let strides = permutation.map { sourceStrides[$0] }
        let value = Tensor(shape: newShape) { out in
            let source = buffer.base
            var index = [Int](repeating: 0, count: rank)
            var offset = 0
            for o in 0..<count {
                out[o] = source[offset]
                var axis = rank - 1
                while axis >= 0 {
                    index[axis] += 1
                    offset += strides[axis]
                    if index[axis] < newShape[axis] { break }
                    offset -= strides[axis] * newShape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return Tensor.recording(value, input: self) { g in g.transposed(permutation: inverse) }
    }

    /// The last two axes swapped (the matrix transpose for rank 2).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func transposed() -> Tensor {
        guard rank >= 2 else { return self }
        var permutation = Array(0..<rank)
        permutation.swapAt(rank - 1, rank - 2)
        return transposed(permutation: permutation)
    }
}

extension BroadcastLayout {
    /// The layout that copies the left operand of `layout` into its output shape (the right
    /// operand is read as a single zero).
    init(expanding layout: BroadcastLayout) {
        self.init(
            outputShape: layout.outputShape, leftStrides: layout.leftStrides,
            rightStrides: [Int](repeating: 0, count: layout.outputShape.count), kind: .general, count: layout.count)
    }
}

/// A broadcast that repeats whole blocks: every element `inner` times in a row ([B, 1] to
/// [B, N]), or the whole tensor `outer` times ([N] or [1, N] to [B, N]). Filled with plain
/// loops and copies instead of the general strided kernel.
struct BroadcastRepetition {
    /// How many times each source element repeats in place (1 when the whole tensor repeats).
    let inner: Int
    /// How many times the whole source repeats (1 when elements repeat in place).
    let outer: Int

    /// The repetition that broadcasts `shape` to `target`, or nil when the broadcast mixes both kinds.
    init?(from shape: [Int], to target: [Int]) {
        let padded = Array(repeating: 1, count: target.count - shape.count) + shape
        let expanded = zip(padded, target).map { $0 == 1 && $1 != 1 }
        guard let firstExpanded = expanded.firstIndex(of: true) else { return nil }
        let lastExpanded = expanded.lastIndex(of: true)!
        let kept = zip(padded, target).enumerated().filter { !expanded[$0.offset] && $0.element.0 != 1 }.map(\.offset)
        if kept.allSatisfy({ $0 < firstExpanded }) {
            inner = target[firstExpanded...].reduce(1, *)
            outer = 1
        } else if kept.allSatisfy({ $0 > lastExpanded }) {
            inner = 1
            outer = target[...lastExpanded].reduce(1, *)
        } else {
            return nil
        }
    }

    /// Writes the broadcast of `count` source elements into `destination`.
    func fill<Scalar>(_ destination: UnsafeMutablePointer<Scalar>, from source: UnsafePointer<Scalar>, count: Int) {
        if inner > 1 {
            for i in 0..<count {
                (destination + i * inner).initialize(repeating: source[i], count: inner)
            }
        } else {
            for block in 0..<outer {
                (destination + block * count).initialize(from: source, count: count)
            }
        }
    }
}

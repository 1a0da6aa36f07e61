// Sum and max over any set of axes; argmax.

extension Tensor {
    /// Which axes are listed in `axes` (validated; negative axes count from the end).
    func axisMask(_ axes: [Int], operation: String) -> [Bool] {
        var mask = [Bool](repeating: false, count: rank)
        for axis in axes { mask[normalized(axis: axis, operation: operation)] = true }
        return mask
    }

    /// The shape after reducing `axes`, with or without the reduced axes kept as size 1.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func reducedShape(_ axes: [Bool], keepingDimensions: Bool) -> [Int] {
        keepingDimensions
            ? shape.indices.map { axes[$0] ? 1 : shape[$0] }
            : shape.indices.filter { !axes[$0] }.map { shape[$0] }
    }

    private func reduce(_ kernel: ReductionKernel, _ axes: [Bool], keepingDimensions: Bool) -> Tensor {
        let layout = ReductionLayout(shape: shape, reduced: axes)
        return Tensor(shape: reducedShape(axes, keepingDimensions: keepingDimensions)) { out in
            let input = buffer.base
            guard case .rows(let outer, let inner) = layout.kind else {
                Scalar._reduce(kernel, input, out, layout: layout)
                return
            }
            // Many rows are split across cores (each row reduced on its own: the same result).
            CoreSplit.forEachPart(count: outer, elementsPerItem: inner) { _, rows in
                let part = ReductionLayout(shape: [rows.count, inner], reduced: [false, true])
                Scalar._reduce(kernel, input + rows.lowerBound * inner, out + rows.lowerBound, layout: part)
            }
        }
    }

    /// The sum over `axes`.
    ///
    ///     Tensor<Float>([[1, 2], [3, 4]]).sum(alongAxes: [0])   // [4, 6]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let set = axisMask(axes, operation: "sum")
        let kept = reducedShape(set, keepingDimensions: true)
        return Tensor.recording(reduce(.sum, set, keepingDimensions: keepingDimensions), input: self) { [shape] g in
            g.reshaped(to: kept).broadcast(to: shape)
        }
    }

    /// The sum of all elements, as a scalar tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sum() -> Tensor { sum(alongAxes: Array(0..<rank)) }

    /// The mean over `axes`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let set = axisMask(axes, operation: "mean")
        let n = shape.indices.reduce(1) { set[$1] ? $0 * shape[$1] : $0 }
        guard n > 0 else { fail(.invalid("mean over an empty axis of a tensor of shape \(shape)")) }
        return sum(alongAxes: axes, keepingDimensions: keepingDimensions) / Scalar(n)
    }

    /// The mean of all elements, as a scalar tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func mean() -> Tensor { mean(alongAxes: Array(0..<rank)) }

    /// The maximum over `axes`. The gradient is shared equally between tied maxima.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func max(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let set = axisMask(axes, operation: "max")
        if let empty = shape.indices.first(where: { set[$0] && shape[$0] == 0 }) {
            fail(.invalid("max over axis \(empty) of size 0 in a tensor of shape \(shape)"))
        }
        let kept = reduce(.max, set, keepingDimensions: true)
        let value = keepingDimensions ? kept : kept.reshaped(to: reducedShape(set, keepingDimensions: false))
        return Tensor.recording(value, input: self) { [shape] g in
            let winners = Tensor.combining(.equal, self.withoutDerivative(), kept, operation: "max")
            let share = winners / winners.reduce(.sum, set, keepingDimensions: true)
            return g.reshaped(to: kept.shape).broadcast(to: shape) * share
        }
    }

    /// The maximum of all elements, as a scalar tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func max() -> Tensor { max(alongAxes: Array(0..<rank)) }

    /// The minimum over `axes`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func min(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        -(-self).max(alongAxes: axes, keepingDimensions: keepingDimensions)
    }

    /// The minimum of all elements, as a scalar tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func min() -> Tensor { min(alongAxes: Array(0..<rank)) }

    /// The index of the largest element along `axis` (the first one on ties), for every
    /// position of the other axes, in row-major order.
    ///
    ///     Tensor<Float>([[1, 5], [7, 2]]).argmax(alongAxis: 1)   // [1, 0]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func argmax(alongAxis axis: Int) -> [Int] {
        let a = normalized(axis: axis, operation: "argmax")
        let size = shape[a]
        guard size > 0 else { fail(.invalid("argmax along axis \(axis) of size 0 in a tensor of shape \(shape)")) }
        let inner = shape[(a + 1)...].reduce(1, *)
        let outer = shape[..<a].reduce(1, *)
        var result = [Int](repeating: 0, count: outer * inner)
        let base = buffer.base
        for o in 0..<outer {
            for i in 0..<inner {
                var best = base[o * size * inner + i]
                var bestIndex = 0
                for k in 1..<Swift.max(size, 1) {
                    let v = base[(o * size + k) * inner + i]
                    if v > best { best = v; bestIndex = k }
                }
                result[o * inner + i] = bestIndex
            }
        }
        return result
    }
}

/// An n-dimensional array of `Float` or `Double`, row-major, with value semantics (copy on
/// write) and reverse-mode automatic differentiation.
///
///     let x = Tensor<Float>([[1, 2], [3, 4]])
///     let y = (x * 2 + 1).sum()          // 24
///
/// A tensor takes part in differentiation when it was made with `requiringGradient()` or
/// computed from one that was; `gradients(of:withRespectTo:)` then differentiates it.
public struct Tensor<Scalar: TensorScalar> {
    @usableFromInline var buffer: TensorBuffer<Scalar>
    /// The size of each axis; `[]` for a scalar.
    public private(set) var shape: [Int]
    /// The autodiff record of how this value was computed, or nil for a constant.
    var node: GradientNode<Scalar>?

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    init(shape: [Int], buffer: TensorBuffer<Scalar>, node: GradientNode<Scalar>? = nil) {
        self.shape = shape
        self.buffer = buffer
        self.node = node
    }

    /// A tensor of `shape` whose scalars are computed by `fill`, which must initialise all of them.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    init(shape: [Int], fill: (UnsafeMutablePointer<Scalar>) -> Void) {
        let buffer = TensorBuffer<Scalar>.make(uninitializedCount: shape.reduce(1, *))
        fill(buffer.base)
        self.init(shape: shape, buffer: buffer)
    }

    /// A tensor of the given shape holding `scalars` in row-major order.
    ///
    ///     Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(shape: [Int], scalars: [Scalar]) {
        if let negative = shape.first(where: { $0 < 0 }) {
            fail(.invalid("shape \(shape) has a negative size \(negative)"))
        }
        let count = shape.reduce(1, *)
        guard count == scalars.count else { fail(.scalarCount(expected: count, got: scalars.count, shape: shape)) }
        self.init(shape: shape) { base in
            scalars.withUnsafeBufferPointer { base.initialize(from: $0.baseAddress!, count: count) }
        }
    }

    /// A rank-1 tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(_ scalars: [Scalar]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// A rank-2 tensor from rows of equal length.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(_ rows: [[Scalar]]) {
        let width = rows.first?.count ?? 0
        if let bad = rows.firstIndex(where: { $0.count != width }) {
            fail(.invalid("rows of a matrix must have equal lengths: row 0 has \(width), row \(bad) has \(rows[bad].count)"))
        }
        self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    /// A rank-0 tensor holding one scalar.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(_ scalar: Scalar) {
        self.init(shape: [], scalars: [scalar])
    }

    /// A tensor of `shape` with every scalar equal to `value`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(repeating value: Scalar, shape: [Int]) {
        self.init(shape: shape) { $0.initialize(repeating: value, count: shape.reduce(1, *)) }
    }

    /// A tensor of zeros.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// A tensor of ones.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(ones shape: [Int]) { self.init(repeating: 1, shape: shape) }

    /// The same values converted to another scalar type (a constant: no gradient flows through).
    public init<Other: TensorScalar>(converting other: Tensor<Other>) {
        self.init(shape: other.shape) { base in
            for i in 0..<other.count { base[i] = Scalar(other.buffer.base[i]) }
        }
    }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of scalars.
    public var count: Int { buffer.count }
    /// The scalars in row-major order.
    public var scalars: [Scalar] { Array(UnsafeBufferPointer(start: buffer.base, count: count)) }

    /// The one scalar of a tensor with exactly one element.
    public var scalar: Scalar {
        guard count == 1 else { fail(.invalid("scalar needs a tensor with one element, got shape \(shape)")) }
        return buffer.base[0]
    }

    /// Reads the scalars without copying.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: buffer.base, count: count))
    }

    /// Writes the scalars in place, copying the storage first if another tensor shares it.
    /// The result is a constant: any autodiff record is dropped.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        if !isKnownUniquelyReferenced(&buffer) { buffer = TensorBuffer.make(copying: buffer) }
        node = nil
        return try body(UnsafeMutableBufferPointer(start: buffer.base, count: count))
    }

    /// The row-major strides of `shape`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// `axis` made non-negative, after checking it is in range.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func normalized(axis: Int, operation: String, rank: Int? = nil) -> Int {
        let r = rank ?? self.rank
        guard axis >= -r && axis < r else { fail(.axisOutOfRange(axis: axis, rank: r, operation: operation)) }
        return axis < 0 ? axis + r : axis
    }
}

extension Tensor: Equatable {
    /// Equal shapes and scalars (autodiff records are not compared).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }
}

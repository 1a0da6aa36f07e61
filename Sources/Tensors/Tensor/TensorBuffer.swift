/// The heap storage behind a `Tensor`: a contiguous, row-major block of scalars.
///
/// Shared between tensor values until one of them writes (copy on write, see
/// `Tensor.withUnsafeMutableBufferPointer`).
@usableFromInline
final class TensorBuffer<Scalar> {
    let count: Int
    let base: UnsafeMutablePointer<Scalar>

    /// Uninitialised storage for `count` scalars (the caller writes every element).
    init(uninitializedCount count: Int) {
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
    }

    /// Storage holding a copy of `other`'s scalars.
    convenience init(copying other: TensorBuffer) {
        self.init(uninitializedCount: other.count)
        base.initialize(from: other.base, count: count)
    }

    deinit { base.deallocate() }
}

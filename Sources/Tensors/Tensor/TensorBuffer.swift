/// The heap storage behind a `Tensor`: a contiguous, row-major block of scalars.
///
/// Shared between tensor values until one of them writes (copy on write, see
/// `Tensor.withUnsafeMutableBufferPointer`). Scalars are trivial types, so nothing needs
/// deinitialising. Large blocks come from and go back to `LargeBlockCache`, so a training loop
/// that allocates the same big activations every step reuses them instead of mapping fresh
/// pages each time.
@usableFromInline
final class TensorBuffer<Scalar> {
    /// The number of scalars.
    let count: Int
    /// The first scalar (stable for the life of the buffer).
    let base: UnsafeMutablePointer<Scalar>

    private init(count: Int, base: UnsafeMutablePointer<Scalar>) {
        self.count = count
        self.base = base
    }

    deinit {
        LargeBlockCache.shared.release(UnsafeMutableRawPointer(base), byteCount: Self.byteCount(for: count))
    }

    /// Uninitialised storage for `count` scalars (the caller writes every element).
    static func make(uninitializedCount count: Int) -> TensorBuffer {
        let block = LargeBlockCache.shared.allocate(byteCount: byteCount(for: count))
        return TensorBuffer(count: count, base: block.bindMemory(to: Scalar.self, capacity: Swift.max(count, 1)))
    }

    /// Storage holding a copy of `other`'s scalars.
    static func make(copying other: TensorBuffer) -> TensorBuffer {
        let buffer = make(uninitializedCount: other.count)
        buffer.base.initialize(from: other.base, count: other.count)
        return buffer
    }

    /// The bytes a block for `count` scalars takes (at least one scalar's worth).
    private static func byteCount(for count: Int) -> Int {
        Swift.max(count, 1) * MemoryLayout<Scalar>.stride
    }
}

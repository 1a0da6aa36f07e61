/// The heap storage behind a `Tensor`: a contiguous, row-major block of scalars, allocated
/// with its header in one block (one allocation per tensor).
///
/// Shared between tensor values until one of them writes (copy on write, see
/// `Tensor.withUnsafeMutableBufferPointer`). Scalars are trivial types, so nothing needs
/// deinitialising.
@usableFromInline
final class TensorBuffer<Scalar>: ManagedBuffer<Int, Scalar> {
    /// Uninitialised storage for `count` scalars (the caller writes every element).
    static func make(uninitializedCount count: Int) -> TensorBuffer {
        unsafeDowncast(TensorBuffer.create(minimumCapacity: Swift.max(count, 1)) { _ in count }, to: TensorBuffer.self)
    }

    /// Storage holding a copy of `other`'s scalars.
    static func make(copying other: TensorBuffer) -> TensorBuffer {
        let buffer = make(uninitializedCount: other.count)
        buffer.base.initialize(from: other.base, count: other.count)
        return buffer
    }

    /// The number of scalars.
    var count: Int { header }

    /// The first scalar (stable for the life of the buffer).
    var base: UnsafeMutablePointer<Scalar> { withUnsafeMutablePointerToElements { $0 } }
}

/// Freed tensor blocks of at least `minimumByteCount` bytes, kept (up to `capacityByteCount`, 2 GiB,
/// in all) for the next allocation of the same size.
///
/// The C allocator maps blocks this large straight from the system and unmaps them when they
/// are freed, so every training step would fault in (and zero) fresh pages for each big
/// activation; on the MNIST-shaped network with the margin over all classes that was a third
/// of the step. Training allocates the same sizes every step, so exact-size reuse suffices.
/// Smaller blocks go to the C allocator directly.
final class LargeBlockCache: Sendable {
    /// The process's cache.
    static let shared = LargeBlockCache()

    /// Blocks below this size are not cached (the C allocator reuses them well itself).
    let minimumByteCount = 4 << 20
    /// The most bytes kept; a block freed beyond it goes back to the system.
    let capacityByteCount = 2 << 30
    /// Alignment of every block (a cache line, for the BLAS kernels).
    static let alignment = 64

    private struct State {
        var free: [Int: [UnsafeMutableRawPointer]] = [:]
        var cachedByteCount = 0
    }
    private let state = ForkSafeLock(State())

    /// A block of `byteCount` bytes: a cached one of that size if there is one, else a new one.
    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        if byteCount >= minimumByteCount {
            let cached = state.withLock { state -> UnsafeMutableRawPointer? in
                guard let block = state.free[byteCount]?.popLast() else { return nil }
                state.cachedByteCount -= byteCount
                return block
            }
            if let cached { return cached }
        }
        return UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: Self.alignment)
    }

    /// Takes back a block from `allocate`: keeps it when it is large and there is room, else frees it.
    func release(_ block: UnsafeMutableRawPointer, byteCount: Int) {
        if byteCount >= minimumByteCount {
            let kept = state.withLock { state -> Bool in
                guard state.cachedByteCount + byteCount <= capacityByteCount else { return false }
                state.free[byteCount, default: []].append(block)
                state.cachedByteCount += byteCount
                return true
            }
            if kept { return }
        }
        block.deallocate()
    }

    /// Frees every cached block (the memory goes back to the system).
    func releaseAll() {
        let blocks = state.withLock { state -> [UnsafeMutableRawPointer] in
            defer { state = State() }
            return state.free.values.flatMap { $0 }
        }
        for block in blocks { block.deallocate() }
    }

    /// The bytes currently kept for reuse.
    var cachedByteCount: Int { state.withLock { $0.cachedByteCount } }
}

/// The memory tensors keep for reuse (see `LargeBlockCache`).
public enum TensorMemory {
    /// The bytes of freed large tensor blocks kept for reuse (at most 2 GiB).
    public static var cachedByteCount: Int { LargeBlockCache.shared.cachedByteCount }

    /// Returns the kept blocks to the system, e.g. after a large training run in a notebook.
    public static func releaseCachedBlocks() { LargeBlockCache.shared.releaseAll() }
}

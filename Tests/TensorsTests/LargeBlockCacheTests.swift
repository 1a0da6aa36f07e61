import Testing

@testable import Tensors

@Suite("LargeBlockCache: large tensor blocks are reused")
struct LargeBlockCacheTests {
    @Test("a freed large block is handed out again for the same size; small blocks are not kept")
    func reuse() {
        let cache = LargeBlockCache()
        let size = cache.minimumByteCount + 4
        let first = cache.allocate(byteCount: size)
        #expect(Int(bitPattern: first) % LargeBlockCache.alignment == 0)
        cache.release(first, byteCount: size)
        #expect(cache.cachedByteCount == size)
        let second = cache.allocate(byteCount: size)
        #expect(second == first)
        #expect(cache.cachedByteCount == 0)
        cache.release(second, byteCount: size)
        let small = cache.allocate(byteCount: 1024)
        cache.release(small, byteCount: 1024)
        #expect(cache.cachedByteCount == size)
        cache.releaseAll()
        #expect(cache.cachedByteCount == 0)
    }

    @Test("blocks beyond the capacity go back to the system")
    func capacity() {
        let cache = LargeBlockCache()
        let size = cache.capacityByteCount / 2 + 1
        let blocks = [cache.allocate(byteCount: size), cache.allocate(byteCount: size)]
        for block in blocks { cache.release(block, byteCount: size) }
        #expect(cache.cachedByteCount == size)
        cache.releaseAll()
    }

    @Test("large tensors survive reuse of their storage with their own values")
    func tensorsKeepTheirValues() {
        let count = (8 << 20) / 4 + 1
        var a: Tensor<Float>? = Tensor<Float>(repeating: 1, shape: [count])
        a = nil
        let b = Tensor<Float>(repeating: 2, shape: [count])
        let c = b + 1
        #expect(c.scalars.allSatisfy { $0 == 3 } && b.scalars.allSatisfy { $0 == 2 })
        _ = a
        TensorMemory.releaseCachedBlocks()
    }
}

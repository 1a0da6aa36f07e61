import Foundation
import Synchronization
import Testing

@testable import Tensors

extension TensorsSuite {
    @Suite("SubnormalFloats: flush-to-zero in every thread that computes")
    struct SubnormalFloatsTests {
        /// The smallest normal Float is 1.18e-38; 1e-39 is subnormal.
        static let subnormal: Float = 1e-39

        /// `SubnormalFloats.setFlushing(flush)` on this thread for `body`, then the thread's setting back.
        private func withFlushing<R>(_ flush: Bool, _ body: () -> R) -> R {
            let before = SubnormalFloats.isFlushingOnThisThread ?? false
            SubnormalFloats.setFlushing(flush)
            defer { SubnormalFloats.setFlushing(before) }
            return body()
        }

        /// A multiplication the optimiser cannot fold: the operands come from a tensor.
        private func product(_ values: Tensor<Float>) -> Float {
            let scalars = values.scalars
            return scalars[0] * scalars[1]
        }

        @Test("flushing reads a subnormal as zero and keeping computes with it exactly")
        func flushOrKeep() throws {
            try #require(SubnormalFloats.isFlushingOnThisThread != nil, "no flush-to-zero control on this processor")
            let values = Tensor<Float>([Self.subnormal, 1])
            #expect(withFlushing(true) { product(values) } == 0)
            #expect(withFlushing(false) { product(values) } == Self.subnormal)
        }

        @Test("a core split's helper threads inherit the calling thread's setting")
        func coreSplitThreadsInherit() throws {
            try #require(SubnormalFloats.isFlushingOnThisThread != nil, "no flush-to-zero control on this processor")
            for flush in [true, false] {
                let seen = Mutex<[Bool?]>([])
                withFlushing(flush) {
                    CoreSplit.forEachPart(count: 2, minimumPerPart: 1) { _, _ in
                        seen.withLock { $0.append(SubnormalFloats.isFlushingOnThisThread) }
                    }
                }
                #expect(seen.withLock { $0 }.allSatisfy { $0 == flush })
            }
        }

        @Test("OpenBLAS's threads flush too, as the policy says (SWIFT_MARGIN_SUBNORMALS unset or not 'keep')")
        func openBLASThreadsFollowThePolicy() throws {
            try #require(SubnormalFloats.isFlushingOnThisThread != nil, "no flush-to-zero control on this processor")
            try #require(SubnormalFloats.policyFlushes, "SWIFT_MARGIN_SUBNORMALS=keep is set")
            _ = BLAS.configuration
            // A product large enough for OpenBLAS to share between its threads: every entry of
            // A times the identity is a subnormal, read as zero by a thread that flushes.
            let size = 256
            let a = Tensor<Float>(shape: [size, size], scalars: Array(repeating: Self.subnormal, count: size * size))
            let identity = Tensor<Float>(shape: [size, size], scalars: (0..<(size * size)).map { $0 / size == $0 % size ? 1 : 0 })
            let product = withFlushing(true) { matmul(a, identity) }
            #expect(product.scalars.allSatisfy { $0 == 0 })
        }
    }
}

import Foundation
import Synchronization
import Testing

@testable import Tensors

extension TensorsSuite {
    @Suite("CoreSplit: a loop over samples shared between cores")
    struct CoreSplitTests {
        /// Runs a split of `count` items and returns what each call saw: (part, items, whether
        /// it ran on the calling thread), ordered by part.
        private func record(count: Int, minimumPerPart: Int, inside: (() -> Void)? = nil) -> [(part: Int, items: Range<Int>, onCaller: Bool)] {
            let caller = pthread_self()
            let calls = Mutex<[(part: Int, items: Range<Int>, onCaller: Bool)]>([])
            CoreSplit.forEachPart(count: count, minimumPerPart: minimumPerPart) { part, items in
                let onCaller = pthread_equal(pthread_self(), caller) != 0
                inside?()
                calls.withLock { $0.append((part, items, onCaller)) }
            }
            return calls.withLock { $0 }.sorted { $0.part < $1.part }
        }

        @Test("every item is in exactly one part; the parts are consecutive, numbered from 0, and part 0 runs on the caller")
        func coverage() {
            let calls = record(count: 101, minimumPerPart: 10)
            #expect(calls.map(\.part) == Array(0..<calls.count))
            #expect(calls.count == min(CoreSplit.maximumParts, 10))
            #expect(calls.first?.items.lowerBound == 0)
            #expect(calls.last?.items.upperBound == 101)
            for (before, after) in zip(calls, calls.dropFirst()) {
                #expect(before.items.upperBound == after.items.lowerBound)
            }
            #expect(calls.map(\.onCaller) == [true] + Array(repeating: false, count: calls.count - 1))
        }

        @Test("too little work for two parts runs once, on the caller, with every item")
        func small() {
            let calls = record(count: 19, minimumPerPart: 10)
            #expect(calls.count == 1)
            #expect(calls.first?.part == 0 && calls.first?.items == 0..<19 && calls.first?.onCaller == true)
        }

        @Test("a split inside a part covers its items too")
        func nested() {
            let inner = Mutex<[[Range<Int>]]>([])
            _ = record(count: 100, minimumPerPart: 1) {
                let calls = record(count: 100, minimumPerPart: 1)
                inner.withLock { $0.append(calls.map(\.items)) }
            }
            for ranges in inner.withLock({ $0 }) {
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 100)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            }
        }

        @Test("BLAS runs one thread per product inside a split and gets its threads back after")
        func blasThreads() {
            let inside = Mutex<[Int]>([])
            _ = record(count: 100, minimumPerPart: 1) {
                inside.withLock { $0.append(BLAS.threadCount) }
            }
            if CoreSplit.maximumParts > 1 {
                #expect(inside.withLock { $0 } == Array(repeating: 1, count: CoreSplit.maximumParts))
            }
            // Tests of other targets may be mid-split at this moment; give them a second.
            var waited = 0
            while BLAS.threadCount != CoreSplit.maximumParts, waited < 100 {
                usleep(10_000)
                waited += 1
            }
            #expect(BLAS.threadCount == CoreSplit.maximumParts)
        }
    }
}

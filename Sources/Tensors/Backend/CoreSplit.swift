import COpenBLASLoader
import Foundation
import Synchronization

/// Splits a loop over independent items (the samples of a batch, say) across the cores that
/// BLAS is allowed to use, for kernels whose own loops (im2col, col2im, pooling) would
/// otherwise run on one core while BLAS uses all of them only inside each product.
///
/// Each part runs on its own thread with BLAS single-threaded while any split is under way,
/// so the products of the parts run side by side instead of contending for BLAS's threads.
/// The helper threads are created for the call and joined before it returns: nothing
/// outlives the call, so a process that forks (the cell runner) never inherits a half-built
/// pool.
///
/// Public for other modules' elementwise loops over large arrays (the optimizers' updates).
public enum CoreSplit {
    /// The threads BLAS runs with outside splits: what it was configured with
    /// (OPENBLAS_NUM_THREADS, else one per core), read before any split lowers it, or the
    /// limit set by `BLAS.limitThreads(to:)`. 0 until first read.
    private static let threads = Atomic<Int>(0)

    /// The threads BLAS runs with outside splits (see `threads`).
    static var configuredThreads: Int {
        let current = threads.load(ordering: .relaxed)
        if current > 0 { return current }
        _ = threads.compareExchange(expected: 0, desired: Swift.max(BLAS.threadCount, 1), ordering: .relaxed)
        return threads.load(ordering: .relaxed)
    }

    /// Sets the threads BLAS and splits use from now on (no split may be under way).
    static func setConfiguredThreads(_ count: Int) {
        threads.store(Swift.max(count, 1), ordering: .relaxed)
        openblas_loader_set_thread_count(Int32(Swift.max(count, 1)))
    }

    /// Splits under way (BLAS is single-threaded while this is above zero).
    private static let activeSplits = ForkSafeLock(0)

    /// The most parts a split makes: the threads BLAS was configured with.
    static var maximumParts: Int { configuredThreads }

    /// A memory-bound loop is worth a thread per part from this many scalars per part on
    /// (a quarter of a million: a millisecond or so of work, against tens of microseconds to
    /// start a thread).
    static let minimumElementsPerPart = 1 << 18

    /// A compute-bound loop is worth a thread per part from this many floating-point
    /// operations per part on (about four million: a millisecond or so of work).
    static let minimumOperationsPerPart = 1 << 22

    /// `forEachPart(count:minimumPerPart:_:)` for a memory-bound loop whose items each touch
    /// `elementsPerItem` scalars.
    public static func forEachPart(count: Int, elementsPerItem: Int, _ body: (_ part: Int, _ items: Range<Int>) -> Void) {
        forEachPart(count: count, minimumPerPart: Swift.max(1, minimumElementsPerPart / Swift.max(elementsPerItem, 1)), body)
    }

    /// `forEachPart(count:minimumPerPart:_:)` for a compute-bound loop whose items each take
    /// `operationsPerItem` floating-point operations.
    static func forEachPart(count: Int, operationsPerItem: Int, _ body: (_ part: Int, _ items: Range<Int>) -> Void) {
        forEachPart(count: count, minimumPerPart: Swift.max(1, minimumOperationsPerPart / Swift.max(operationsPerItem, 1)), body)
    }

    /// Calls `body` with each part's number (0, 1, ... below `maximumParts`) and its consecutive
    /// share of `0..<count`: in parallel when there is enough work for more than one part (at
    /// least `minimumPerPart` items each) and BLAS may use more than one thread; else once, on
    /// the calling thread, as part 0 with the whole range. Part 0 runs on the calling thread.
    static func forEachPart(count: Int, minimumPerPart: Int, _ body: (_ part: Int, _ items: Range<Int>) -> Void) {
        let parts = Swift.min(maximumParts, count / Swift.max(minimumPerPart, 1))
        guard parts > 1 else {
            body(0, 0..<count)
            return
        }
        activeSplits.withLock { active in
            if active == 0 { openblas_loader_set_thread_count(1) }
            active += 1
        }
        defer {
            activeSplits.withLock { active in
                active -= 1
                if active == 0 { openblas_loader_set_thread_count(Int32(configuredThreads)) }
            }
        }
        let bounds = (0...parts).map { $0 * count / parts }
        withoutActuallyEscaping(body) { body in
            let helpers = (1..<parts).map { part in
                PartThread { body(part, bounds[part]..<bounds[part + 1]) }
            }
            body(0, bounds[0]..<bounds[1])
            helpers.forEach { $0.join() }
        }
    }
}

/// One POSIX thread running one closure, joined once. If no thread can be started, the
/// closure runs at once on the calling thread instead.
private final class PartThread {
    private let work: () -> Void
    private var thread: pthread_t?

    init(_ work: @escaping () -> Void) {
        self.work = work
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            let part = Unmanaged<PartThread>.fromOpaque(context!).takeRetainedValue()
            part.work()
            return nil
        }, context)
        if status == 0 {
            self.thread = thread
        } else {
            Unmanaged<PartThread>.fromOpaque(context).release()
            work()
        }
    }

    func join() {
        if let thread { pthread_join(thread, nil) }
    }
}

@_spi(ExperimentalScheduling) import _Concurrency
#if canImport(Glibc)
import Glibc
#endif

/// Where the executor's Swift concurrency jobs run: on the thread that runs the cells, never on
/// a pool of worker threads.
///
/// The executor forks a runner for every cell, and a process forked from one that has started
/// the runtime's worker threads (libdispatch's pool) finds no workers in the copy: its tasks
/// never run. So the executor keeps everything on one thread. Tasks a cell awaits run with this
/// queue as their task executor (child tasks inherit it, and `Task.sleep` schedules its wake-up
/// here through `SchedulingExecutor`); tasks created without one (`Task { ... }`) reach the
/// queue through the runtime's global-enqueue hook. The cell's thread runs the jobs while it
/// waits for an awaited value (`run(until:)`) and after each cell (`runReadyJobs()`).
///
/// Not covered: main-actor jobs (the main executor is libdispatch's main queue, which nothing
/// drains here), so `await MainActor.run { ... }` in a cell waits until it is interrupted.
final class CellTaskQueue: TaskExecutor, SchedulingExecutor, @unchecked Sendable {
    /// The executor's one queue.
    static let shared = CellTaskQueue()

    private var mutex = pthread_mutex_t()
    private var jobAdded = pthread_cond_t()
    private var ready: [UnownedJob] = []
    /// Jobs to run at a monotonic time (nanoseconds), kept sorted by time, earliest first.
    private var scheduled: [(time: UInt64, job: UnownedJob)] = []
    private var hooksInstalled = false

    private init() {
        pthread_mutex_init(&mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(&jobAdded, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    /// Routes the runtime's global jobs (tasks without an executor preference) to this queue.
    /// Call once, before the executor forks its first runner.
    func installGlobalHook() {
        guard !hooksInstalled, let process = dlopen(nil, RTLD_NOW),
              let hook = dlsym(process, "swift_task_enqueueGlobal_hook") else { return }
        hooksInstalled = true
        hook.assumingMemoryBound(to: GlobalEnqueueHook?.self).pointee = { job, _ in
            CellTaskQueue.shared.add(job, at: nil)
        }
    }

    // MARK: Executor

    func enqueue(_ job: consuming ExecutorJob) {
        add(UnownedJob(job), at: nil)
    }

    func enqueue<C: Clock>(_ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C) {
        // The standard clocks measure in `Duration`; a clock that does not is treated as due now.
        let nanoseconds = (delay as? Duration).map(Self.nanoseconds) ?? 0
        add(UnownedJob(job), at: Self.now() &+ nanoseconds)
    }

    var asSchedulingExecutor: (any SchedulingExecutor)? { self }

    // MARK: Running jobs

    /// Runs jobs on the calling thread, waiting for scheduled and newly added ones, until
    /// `isFinished` returns true (checked after every job, and whenever a job is added).
    func run(until isFinished: () -> Bool) {
        while !isFinished() {
            pthread_mutex_lock(&mutex)
            var job = takeDueJob()
            while job == nil && !isFinished() {
                if let next = scheduled.first?.time {
                    var deadline = timespec(tv_sec: Int(next / 1_000_000_000), tv_nsec: Int(next % 1_000_000_000))
                    pthread_cond_timedwait(&jobAdded, &mutex, &deadline)
                } else {
                    pthread_cond_wait(&jobAdded, &mutex)
                }
                job = takeDueJob()
            }
            pthread_mutex_unlock(&mutex)
            job?.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// Runs the jobs that are due now (and those they add), without waiting for scheduled ones:
    /// a `Task { print(x) }` a cell started prints before the cell ends.
    func runReadyJobs() {
        while true {
            pthread_mutex_lock(&mutex)
            let job = takeDueJob()
            pthread_mutex_unlock(&mutex)
            guard let job else { return }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    // MARK: The queue (under the mutex)

    /// Adds a job, due at the monotonic time `time` (nanoseconds) or now, and wakes the running thread.
    private func add(_ job: UnownedJob, at time: UInt64?) {
        pthread_mutex_lock(&mutex)
        if let time {
            let index = scheduled.firstIndex { $0.time > time } ?? scheduled.endIndex
            scheduled.insert((time, job), at: index)
        } else {
            ready.append(job)
        }
        pthread_cond_signal(&jobAdded)
        pthread_mutex_unlock(&mutex)
    }

    /// The next ready job, moving scheduled jobs that are due to the ready list first. Call with the mutex held.
    private func takeDueJob() -> UnownedJob? {
        if !scheduled.isEmpty {
            let now = Self.now()
            while let first = scheduled.first, first.time <= now {
                ready.append(scheduled.removeFirst().job)
            }
        }
        return ready.isEmpty ? nil : ready.removeFirst()
    }

    /// The monotonic clock in nanoseconds.
    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// A non-negative duration in nanoseconds.
    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}

/// The runtime's `swift_task_enqueueGlobal_hook`: called with every job bound for the global
/// executor, and the original enqueue function (unused: the jobs stay on the cell thread).
private typealias GlobalEnqueueHook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

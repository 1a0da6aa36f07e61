#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The pipes of child processes served on the calling thread with `poll`: what each read end
/// delivers is collected, and an input is written to a write end as fast as the child takes it.
/// No helper threads, so it works in a forked process; input and output are served together,
/// so a child cannot block on a full output pipe while we are still writing its input.
///
///     var drain = PipeDrain()
///     drain.read(output.readEnd)
///     drain.write(script, to: input.writeEnd)
///     switch try drain.run(deadline: .now + .seconds(30)) { ... }
///     let bytes = drain.bytes(of: output.readEnd)
///
/// The drain closes every descriptor it was given when it ends (or at `closeAll()`).
public struct PipeDrain {
    /// How `run` ended.
    public enum Ending: Equatable, Sendable {
        /// Every pipe reached its end.
        case finished
        /// The deadline passed first; the pipes not ended are still open.
        case deadlinePassed
        /// `shouldStop` said so; the pipes not ended are still open.
        case stopped
    }

    private var collected: [Int32: [UInt8]] = [:]
    private var openReads: Set<Int32> = []
    private var pendingInput: (descriptor: Int32, bytes: Data, written: Int)?

    /// A drain with no pipes yet.
    public init() {}

    /// Starts collecting what `descriptor` (a read end) delivers, until its end.
    public mutating func read(_ descriptor: Int32) {
        openReads.insert(descriptor)
        collected[descriptor, default: []] = []
    }

    /// Starts writing `input` to `descriptor` (a write end, made non-blocking here), which is
    /// closed once everything is written or the reader is gone. An empty input closes it now.
    public mutating func write(_ input: Data, to descriptor: Int32) {
        guard !input.isEmpty else {
            close(descriptor)
            return
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        pendingInput = (descriptor, input, 0)
    }

    /// Whether every pipe has ended (all input written, every read end at its end).
    public var isFinished: Bool { openReads.isEmpty && pendingInput == nil }

    /// Whether `descriptor` is a read end that has not reached its end yet.
    public func isOpen(_ descriptor: Int32) -> Bool { openReads.contains(descriptor) }

    /// What `descriptor` has delivered so far.
    public func bytes(of descriptor: Int32) -> [UInt8] { collected[descriptor] ?? [] }

    /// What `descriptor` has delivered, and forgets the descriptor (it must have ended, or
    /// been closed with `close(_:)`).
    public mutating func take(_ descriptor: Int32) -> [UInt8] {
        collected.removeValue(forKey: descriptor) ?? []
    }

    /// Closes a read end before its end (its child was killed); what it delivered stays.
    public mutating func close(_ descriptor: Int32) {
        if openReads.remove(descriptor) != nil { Glibc.close(descriptor) }
    }

    /// Closes every descriptor not yet ended.
    public mutating func closeAll() {
        for descriptor in openReads { Glibc.close(descriptor) }
        openReads.removeAll()
        if let input = pendingInput { Glibc.close(input.descriptor) }
        pendingInput = nil
    }

    /// Waits up to `timeout` for a pipe to be ready and serves every pipe that is: reads
    /// what is there, writes what the child takes. A pipe that ends is closed.
    public mutating func step(timeout: Duration) {
        var watched = openReads.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if let input = pendingInput { watched.append(pollfd(fd: input.descriptor, events: Int16(POLLOUT), revents: 0)) }
        guard !watched.isEmpty else { return }
        let deadline = ContinuousClock.now + timeout
        var ready: Int32
        repeat {
            ready = poll(&watched, nfds_t(watched.count), pollMilliseconds(until: deadline))
        } while ready < 0 && errno == EINTR
        guard ready > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for entry in watched where entry.revents != 0 {
            if entry.fd == pendingInput?.descriptor {
                writeSome()
                continue
            }
            let count = Glibc.read(entry.fd, &buffer, buffer.count)
            if count > 0 {
                collected[entry.fd, default: []] += buffer[..<count]
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                close(entry.fd)
            }
        }
    }

    /// Serves the pipes until every one has ended, the deadline passes or `shouldStop` (asked
    /// at least every `checkEvery`) says so. SIGPIPE is blocked meanwhile, so a child that
    /// stops reading its input ends the writing, not this process.
    public mutating func run(
        deadline: ContinuousClock.Instant? = nil, checkEvery: Duration = .milliseconds(50),
        shouldStop: () -> Bool = { false }
    ) -> Ending {
        withSIGPIPEBlocked {
            while !isFinished {
                if let deadline, ContinuousClock.now >= deadline { return .deadlinePassed }
                if shouldStop() { return .stopped }
                let wait = deadline.map { min(checkEvery, max(.zero, $0 - ContinuousClock.now)) } ?? checkEvery
                step(timeout: wait)
            }
            return .finished
        }
    }

    /// Writes what the input's pipe takes now; closes it when all is written or the reader left.
    private mutating func writeSome() {
        guard var input = pendingInput else { return }
        let count = input.bytes.withUnsafeBytes { raw in
            Glibc.write(input.descriptor, raw.baseAddress! + input.written, min(raw.count - input.written, 1 << 16))
        }
        if count > 0 { input.written += count }
        // EPIPE: the child stopped reading (it failed); what it said is in its output.
        if (count < 0 && errno != EAGAIN && errno != EINTR) || input.written == input.bytes.count {
            Glibc.close(input.descriptor)
            pendingInput = nil
        } else {
            pendingInput = input
        }
    }
}

/// Runs `body` with SIGPIPE blocked on this thread, then discards a SIGPIPE that writing to a
/// closed pipe raised meanwhile (so it neither kills nor later surprises the caller).
func withSIGPIPEBlocked<R>(_ body: () -> R) -> R {
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
    let result = body()
    var pending = sigset_t()
    sigpending(&pending)
    if sigismember(&pending, SIGPIPE) == 1, sigismember(&previous, SIGPIPE) == 0 {
        var noWait = timespec(tv_sec: 0, tv_nsec: 0)
        _ = sigtimedwait(&pipeSignal, nil, &noWait)
    }
    pthread_sigmask(SIG_SETMASK, &previous, nil)
    return result
}

/// How a child process's signals start (``ChildProcess/spawn(arguments:environment:descriptors:signals:)``).
public enum ChildSignals: Sendable, Equatable {
    /// As `posix_spawn` leaves them: the calling thread's signal mask, and the signals this
    /// process ignores stay ignored (the session ignores SIGPIPE, so its executor and swiftc
    /// do too).
    case inherited
    /// No signal blocked and SIGPIPE at its default action, whatever this process does: for
    /// a program fed through a pipe (gnuplot), started from any thread of any process.
    case emptyMaskAndDefaultSIGPIPE
}

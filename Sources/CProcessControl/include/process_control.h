#ifndef PROCESS_CONTROL_H
#define PROCESS_CONTROL_H

/// Makes this process the child subreaper of its descendants (Linux prctl
/// PR_SET_CHILD_SUBREAPER): orphans among them are re-parented to it, not to init,
/// so it can collect them. Returns 0 on success, -1 with errno set otherwise.
int process_become_child_subreaper(void);

/// Creates a pipe whose two ends are close-on-exec (pipe2 with O_CLOEXEC).
/// Returns 0 on success, -1 with errno set otherwise.
int process_pipe_cloexec(int descriptors[2]);

/// Asks the kernel to send SIGKILL to this process when the thread that created it ends
/// (Linux prctl PR_SET_PDEATHSIG), then checks that parent `expected_parent` is still
/// there (it may have ended before the request). Returns 0 on success, -1 when the parent
/// is gone or prctl failed.
int process_die_with_parent(int expected_parent);

#endif

#!/usr/bin/env bash
# kthreads, kbt and kwait at the checkpoints of the kernel test debugger_sees_threads_waiting:
# every thread with its state, backtraces of a blocked and a preempted thread naming where they
# stopped, the mutex's owner and its waiters in FIFO order, and the hand-off to the longest
# waiter. (The checks are in kernel_threads_seen_from_gdb.py.)
exec tests/gdb/lib/run-gdb-test.sh kernel_threads_seen_from_gdb "test=debugger_sees_threads_waiting"

/* The system calls: how user code asks the kernel for something, and what each call means.
 * Shared by the kernel's dispatcher (kernel/syscall/) and the user library (user/lib/), so both
 * sides read the same numbers and the same contract. Plain C, because user headers include it.
 *
 * Calling convention (int 0x80):
 *   eax = call number, ebx = argument 1, ecx = 2, edx = 3, esi = 4, edi = 5.
 *   On return eax holds the result; every other register is as it was.
 *   A result r with -ABI_ERROR_LIMIT < r < 0 is a failure: -r is an error number (errors.h).
 *   The user library turns it into errno and -1; see user/lib/internal/system_call.h.
 *
 * Rules for every call (each call's own "Errors:" list below names every error it can return,
 * these included; the kernel logs any other one as a broken contract, and the tests fail on it):
 *   - A number that is not listed here (zero, negative, too large) fails with ENOSYS.
 *   - A pointer argument must lie wholly in user space (below 0xC0000000), be mapped, and be
 *     writable when the kernel writes through it; otherwise the call fails with EFAULT, even when
 *     the range wraps around or is huge. Ranges may cross page boundaries between mapped pages.
 *   - Strings (paths, names) end with a NUL within the size limit given in types.h, otherwise
 *     ENAMETOOLONG; a string running into an unmapped page is EFAULT.
 *   - Handles are small numbers in a per-process table (like file descriptors). A number that is
 *     not an open handle of the caller's process is EBADF; a handle to an object of the wrong
 *     kind (mutex_lock on a semaphore) is EINVAL. Handles are never shared with other processes:
 *     the same number in another process is another object or nothing.
 *   - A new process starts with three console handles: 0 (input), 1 (output), 2 (error output).
 *   - Everything the kernel allocates for a process (its pages, page tables, the kernel stacks of
 *     its threads, its kernel objects, the shared-memory objects it created) is charged to it. A
 *     call that would take it past its memory limit (memlimit=N MiB on the kernel command line;
 *     process_info shows the charge and the limit), or into the frames the kernel keeps for
 *     itself (system_info's reserved_frames), fails with ENOMEM. A spawned child is charged to
 *     itself, not to its parent. docs/memory.md has the details.
 *
 * Calls that can block (wait, thread_join, sleep_ms, mutex_lock, semaphore_wait, read) block
 * only the calling thread; the other threads of the process go on running.
 */
#ifndef LIBK_ABI_SYSTEM_CALLS_H
#define LIBK_ABI_SYSTEM_CALLS_H

enum abi_system_call {
    /* 0 is no call on purpose: a forgotten `mov eax, N` gives ENOSYS, not some random call. */

    /* --- processes ------------------------------------------------------------------------- */

    /* exit(int status): ends the whole process, every thread of it, with exit status
     * `status & 0xff`; all its memory, handles and kernel objects are returned. Never returns. */
    SYSCALL_EXIT = 1,

    /* spawn(const char* path, const char* const* argv) -> pid
     * Starts the program at `path` (an initrd path such as "/bin/hello") as a new child process
     * with the NULL-terminated argument vector `argv` (argv may be NULL: then argv[0] is the
     * path). The child starts with its own console handles 0, 1, 2 and nothing else.
     * Errors: ENOENT no such file; ENOTDIR the path goes on after a regular file's name
     * ("/bin/hello/"); EACCES the path is a directory; ENOEXEC not a valid ELF32 i386 executable
     * (the kernel also logs why); E2BIG more than ABI_ARGUMENT_COUNT_MAX arguments or
     * ABI_ARGUMENT_BYTES_MAX bytes of argument strings; ENAMETOOLONG; EFAULT; ENOMEM or EAGAIN when
     * out of memory or process slots. */
    SYSCALL_SPAWN = 2,

    /* wait(int pid, int* status, int options) -> pid of the child that ended, or 0
     * Waits for the child `pid` (or any child when pid == -1) to end, stores its wait status
     * (encoding in types.h: ABI_WAIT_EXITED / ABI_WAIT_SIGNALED) in *status unless status is
     * NULL, and releases the child's remaining bookkeeping. With ABI_WNOHANG it returns 0 at once
     * if no matching child has ended yet.
     * Errors: ECHILD no such child (not a child, already waited for, or no children at all);
     * EINVAL unknown options or pid < -1 or pid == 0; EFAULT. */
    SYSCALL_WAIT = 3,

    /* kill(int pid, int signal) -> 0
     * Ends process `pid` as if by `signal` (one of the ABI_SIG* values in types.h); its wait
     * status then reports that signal. There are no signal handlers: every signal listed ends the
     * process. signal 0 only checks that the process exists. A process may end itself this way
     * (abort() does). Errors: ESRCH no such process; EINVAL unknown signal; EPERM the process is
     * init or the kernel. */
    SYSCALL_KILL = 4,

    /* getpid() -> the caller's process id (positive). Never fails. */
    SYSCALL_GETPID = 5,

    /* gettid() -> the calling thread's id (positive, unique in the whole system while the thread
     * exists). Never fails. */
    SYSCALL_GETTID = 6,

    /* process_info(int pid, struct abi_process_info* info) -> 0
     * Fills *info about process `pid`, or about the caller when pid == 0.
     * Errors: ESRCH; EFAULT. */
    SYSCALL_PROCESS_INFO = 7,

    /* process_list(struct abi_process_info* buffer, int capacity) -> number of processes
     * Fills up to `capacity` entries and returns how many processes exist (which may be more:
     * call again with a larger buffer). capacity 0 with buffer NULL only counts.
     * Errors: EINVAL negative capacity; ENOMEM no kernel memory for the copy; EFAULT. */
    SYSCALL_PROCESS_LIST = 8,

    /* thread_list(struct abi_thread_info* buffer, int capacity) -> number of threads
     * Like process_list, for every thread of every process (kernel threads included, with pid 0).
     * Errors: EINVAL; ENOMEM; EFAULT. */
    SYSCALL_THREAD_LIST = 9,

    /* --- threads --------------------------------------------------------------------------- */

    /* thread_create(void (*entry)(void*), void* argument) -> handle of the new thread
     * Starts a thread in the caller's process at `entry` with its own user stack
     * (ABI_THREAD_STACK_SIZE bytes, with an unmapped guard page below it); the stack is laid out
     * as for a call `entry(argument)` (program_start.h). `entry` must not return: it ends with
     * thread_exit. The handle is for thread_join and close; closing it does not stop the thread.
     * Errors: EFAULT entry not in user space; EAGAIN too many threads; ENOMEM; EMFILE. */
    SYSCALL_THREAD_CREATE = 10,

    /* thread_exit(uint32_t value): ends the calling thread; `value` is handed to thread_join.
     * When the last thread of a process ends this way, the process ends with status 0.
     * Never returns. */
    SYSCALL_THREAD_EXIT = 11,

    /* thread_join(int handle, uint32_t* value) -> 0
     * Waits until the thread ends, then stores its exit value in *value (unless NULL). Joining a
     * thread that has already ended returns at once. The handle stays open (close it after).
     * Errors: EBADF (also when another thread closes the handle while this one waits); EINVAL not a
     * thread handle, or another thread is already joining it; EDEADLK the handle is the caller
     * itself; EFAULT. */
    SYSCALL_THREAD_JOIN = 12,

    /* set_thread_pointer(void* pointer) -> 0
     * Sets the calling thread's thread pointer: from now on, in user mode, the segment selected
     * by %gs has this base, so `mov %gs:0, reg` reads the first word at `pointer`
     * (program_start.h explains why). A new thread's pointer is 0. Never fails. */
    SYSCALL_SET_THREAD_POINTER = 13,

    /* yield(): gives the CPU to another ready thread, if any. Returns 0. */
    SYSCALL_YIELD = 14,

    /* sleep_ms(uint32_t milliseconds): blocks the calling thread for at least that long (rounded
     * up to whole timer ticks). 0 is a yield. Returns 0. */
    SYSCALL_SLEEP_MS = 15,

    /* --- time ------------------------------------------------------------------------------ */

    /* uptime_ms(uint64_t* milliseconds) -> 0: time since boot. Errors: EFAULT. */
    SYSCALL_UPTIME_MS = 16,

    /* read_cycles(uint64_t* cycles) -> 0: the CPU's time-stamp counter (rdtsc), for measuring
     * short intervals. Errors: EFAULT. */
    SYSCALL_READ_CYCLES = 17,

    /* clock_gettime(int clock, struct abi_timespec* time) -> 0
     * clock is one of ABI_CLOCK_* (types.h): wall time, time since boot, CPU time consumed by
     * the whole process, or by the calling thread. Errors: EINVAL unknown clock; EFAULT. */
    SYSCALL_CLOCK_GETTIME = 18,

    /* --- handles and files ----------------------------------------------------------------- */

    /* write(int handle, const void* buffer, uint32_t count) -> bytes written
     * On the console handles every byte is written before the call returns.
     * Errors: EBADF not open, or not open for writing; EINVAL an object that cannot be written;
     * ENOMEM no kernel memory for the copy; EFAULT. */
    SYSCALL_WRITE = 19,

    /* read(int handle, void* buffer, uint32_t count) -> bytes read, 0 at the end of a file
     * On console input it blocks until at least one byte was typed, then returns the bytes
     * available, raw: the kernel neither echoes nor edits lines (the shell does both), and Enter
     * arrives as '\n'.
     * Errors: EBADF; EINVAL; EFAULT. */
    SYSCALL_READ = 20,

    /* open(const char* path, int flags) -> handle
     * Opens a file of the initrd for reading (flags ABI_O_RDONLY). Each handle has its own read
     * position. Errors: ENOENT; ENOTDIR the path goes on after a regular file's name; EISDIR a
     * directory; EEXIST ABI_O_CREAT | ABI_O_EXCL and the file exists; EROFS write access,
     * ABI_O_TRUNC, or ABI_O_CREAT of a missing file; EINVAL unknown flags or both access modes;
     * ENAMETOOLONG; ENOMEM; EMFILE; EFAULT. */
    SYSCALL_OPEN = 21,

    /* close(int handle) -> 0: closes any kind of handle (file, thread, mutex, semaphore, shared
     * memory, console). The object goes away when its last handle (in any process) is closed
     * and, for a thread, when it has ended. Threads of the process blocked through the handle
     * (mutex_lock, semaphore_wait, thread_join) are woken and fail with EBADF. A mutex ends with
     * its one handle: whoever held it no longer does.
     * Errors: EBADF (also on the second close of the same number). */
    SYSCALL_CLOSE = 22,

    /* stat(const char* path, struct abi_stat* status) -> 0: size and type of an initrd entry.
     * Errors: ENOENT; ENOTDIR the path goes on after a regular file's name; ENAMETOOLONG;
     * EFAULT. */
    SYSCALL_STAT = 23,

    /* --- memory ---------------------------------------------------------------------------- */

    /* brk(uint32_t address) -> the program break after the call
     * The heap is [start, break): start is the page-aligned end of the program's highest
     * segment. brk(0) only reports the break; otherwise the kernel maps or unmaps whole pages so
     * that [start, address) is usable, zero-filled when new. Errors: ENOMEM address below the
     * start, into another mapping, or out of memory. */
    SYSCALL_BRK = 24,

    /* mmap(const struct abi_mmap_request* request) -> address of the mapping
     * Maps `length` bytes (rounded up to pages) of a shared-memory object, from page-aligned
     * `offset`, with ABI_MAP_SHARED: every process mapping the object sees the same frames.
     * With ABI_MAP_FIXED the mapping is at `address` or nowhere; without it `address` is only a
     * hint (0: none): rounded up to a page, and another place is chosen if that one is taken or
     * outside user space.
     * Errors: EBADF; ENODEV the handle is not shared memory; EINVAL length 0, unaligned offset or
     * fixed address, unknown flags, or no ABI_MAP_SHARED; ENXIO beyond the object's size;
     * EACCES write protection on a read-only handle; ENOMEM no room in the address space, or no
     * memory for a page table;
     * EFAULT. */
    SYSCALL_MMAP = 25,

    /* munmap(uint32_t address, uint32_t length) -> 0: removes the mappings in that page range.
     * Errors: EINVAL unaligned address, length 0, or a range outside user space; ENOMEM cutting
     * a mapping in two needs a region entry and the process has none left (nothing changed). */
    SYSCALL_MUNMAP = 26,

    /* --- mutexes: owned by one thread at a time; waiters are served first come, first served */

    /* mutex_create() -> handle. Errors: ENOMEM; EMFILE. */
    SYSCALL_MUTEX_CREATE = 27,

    /* mutex_lock(int handle) -> 0: blocks until the calling thread owns the mutex.
     * Errors: EDEADLK the caller owns it already; EBADF (also when another thread closes the
     * handle before this call returns, even after the mutex was handed to the caller); EINVAL
     * not a mutex. */
    SYSCALL_MUTEX_LOCK = 28,

    /* mutex_trylock(int handle) -> 0: takes the mutex if it is free, never blocks.
     * Errors: EBUSY owned by a thread (the caller included); EBADF; EINVAL. */
    SYSCALL_MUTEX_TRYLOCK = 29,

    /* mutex_unlock(int handle) -> 0: releases it; the longest waiter becomes the owner.
     * Errors: EPERM the caller does not own it (or nobody does); EBADF; EINVAL. */
    SYSCALL_MUTEX_UNLOCK = 30,

    /* --- semaphores: a count and a queue of waiters, first come, first served ---------------- */

    /* semaphore_create(uint32_t value) -> handle
     * Errors: EINVAL value > ABI_SEMAPHORE_VALUE_MAX; ENOMEM; EMFILE. */
    SYSCALL_SEMAPHORE_CREATE = 31,

    /* semaphore_wait(int handle) -> 0: takes one unit, blocking while the count is 0.
     * Errors: EBADF (also when another thread closes the handle while this one waits, unless a
     * post had already handed it its unit); EINVAL not a semaphore. */
    SYSCALL_SEMAPHORE_WAIT = 32,

    /* semaphore_trywait(int handle) -> 0: takes one unit if the count is above 0.
     * Errors: EAGAIN the count is 0; EBADF; EINVAL. */
    SYSCALL_SEMAPHORE_TRYWAIT = 33,

    /* semaphore_post(int handle) -> 0: wakes the longest waiter, or adds one to the count.
     * Errors: EOVERFLOW the count is ABI_SEMAPHORE_VALUE_MAX already; EBADF; EINVAL. */
    SYSCALL_SEMAPHORE_POST = 34,

    /* semaphore_getvalue(int handle) -> the current count (0 while threads wait).
     * Errors: EBADF; EINVAL. */
    SYSCALL_SEMAPHORE_GETVALUE = 35,

    /* semaphore_open(const char* name, int flags, uint32_t value) -> handle
     * Opens the named semaphore `name` ("/name": one leading slash, no other) in the kernel's
     * namespace shared by all processes. flags: 0 opens an existing one; ABI_O_CREAT creates it
     * with `value` if it does not exist; ABI_O_CREAT | ABI_O_EXCL insists on creating it.
     * Errors: ENOENT missing without ABI_O_CREAT; EEXIST exists with ABI_O_EXCL; EINVAL bad name,
     * unknown flags, or value > ABI_SEMAPHORE_VALUE_MAX; ENAMETOOLONG; ENOMEM; EMFILE; EFAULT. */
    SYSCALL_SEMAPHORE_OPEN = 36,

    /* semaphore_unlink(const char* name) -> 0: removes the name. The semaphore itself lives on
     * until its last handle is closed; a later open with ABI_O_CREAT makes a new one.
     * Errors: ENOENT; EINVAL; ENAMETOOLONG; EFAULT. */
    SYSCALL_SEMAPHORE_UNLINK = 37,

    /* --- named shared memory ------------------------------------------------------------------ */

    /* shm_open(const char* name, int flags) -> handle
     * Opens the named shared-memory object; names and flags as for semaphore_open, plus the
     * access mode ABI_O_RDONLY or ABI_O_RDWR and ABI_O_TRUNC (size back to 0; needs ABI_O_RDWR).
     * A new object has size 0: set it with ftruncate, then mmap it.
     * Errors: as semaphore_open, and EBUSY ABI_O_TRUNC on an object that is mapped (as
     * ftruncate: memory that a process has mapped is never taken from under it). */
    SYSCALL_SHM_OPEN = 38,

    /* shm_unlink(const char* name) -> 0: removes the name; mappings and handles stay valid.
     * Errors: ENOENT; EINVAL; ENAMETOOLONG; EFAULT. */
    SYSCALL_SHM_UNLINK = 39,

    /* ftruncate(int handle, uint32_t length) -> 0: sets the size of a shared-memory object;
     * new bytes are zero. Errors: EBADF; EINVAL not shared memory, or opened read-only;
     * EBUSY shrinking an object that is mapped; EFBIG above ABI_SHARED_MEMORY_MAX; ENOMEM. */
    SYSCALL_FTRUNCATE = 40,

    /* --- console and system ------------------------------------------------------------------ */

    /* console_set_foreground(int pid) -> 0
     * Names the process that Ctrl-C on the console ends (with ABI_SIGINT); 0 names none, and
     * Ctrl-C then arrives as the byte 0x03. The shell sets it to the child it waits for.
     * Errors: ESRCH no such process; EPERM init (pid 1), which Ctrl-C must never end. */
    SYSCALL_CONSOLE_SET_FOREGROUND = 41,

    /* system_info(struct abi_system_info* info) -> 0: memory and time figures of the whole
     * system (the user test suite checks that nothing leaks). Errors: EFAULT. */
    SYSCALL_SYSTEM_INFO = 42,

    /* copy_memory(void* destination, const void* source, uint32_t count) -> 0
     * Copies `count` bytes (at most ABI_COPY_MEMORY_MAX) inside the caller's own memory, as if
     * through a buffer (the ranges may overlap), with the kernel's checks: the user library uses
     * it to read and write a caller's pointer without crashing on a bad one (docs/user-space.md).
     * count 0 copies nothing and succeeds. Errors: EFAULT either range is not mapped user memory
     * (or the destination is not writable), and then nothing is written; EINVAL count above
     * ABI_COPY_MEMORY_MAX. */
    SYSCALL_COPY_MEMORY = 43,

    /* self_check() -> 0: the kernel checks its own invariants (the kernel heap's blocks and free
     * list, the ready set of the scheduling policy against every thread's state, the queues of
     * sleeping and blocked threads, each process's handle table and the mutexes and semaphores
     * behind it) and logs what it finds broken on the serial console. A test or fuzzer calls it
     * after a run to learn that nothing it did bent the kernel. Allowed only when the kernel was
     * started with self_check=on (the walk holds interrupts off for a while, so an ordinary
     * system does not offer it). Errors: EPERM not started with self_check=on; EIO an invariant
     * is broken (the serial log says which). */
    SYSCALL_SELF_CHECK = 44,

    /* One past the last call: numbers from here on fail with ENOSYS. */
    SYSCALL_COUNT
};

#endif

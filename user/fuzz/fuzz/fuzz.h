/* The system-call fuzzer: what its parts share. docs/fuzzing.md explains the whole; in short:
 *
 *   main.c       the modes of the program (run, worker, child), the leak check and the verdict
 *   random.c     the seeded generator; every thread of every process draws from its own stream
 *   values.c     the arguments: pointers, numbers, paths, names, handles (valid, boundary, hostile)
 *   calls.c      one random call of any number, with arguments of the kinds that call takes
 *   scenarios.c  sequences with exact expectations: a close or a kill while a thread is blocked,
 *                limits run into and given back, spawns of bad programs
 *   contract.c   each result against the errors libk/abi/system_calls.h lists; the report
 *
 * Every system call is made raw (int 0x80 through __system_call), past the library, so the kernel
 * sees exactly the arguments the fuzzer chose. */
#pragma once

#include <libk/abi/errors.h>
#include <libk/abi/program_start.h>
#include <libk/abi/system_calls.h>
#include <libk/abi/types.h>
#include <stdint.h>
#include <sys/syscall.h>

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* A raw call with five arguments (unused ones 0); the kernel's result, a negated error on failure.
 */
long fuzz_call(uint32_t number, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e);
/* True when a raw result is a negated error number. */
int is_error(long result);

/* --- random.c: xorshift128, one stream per thread -------------------------------------------- */
struct random_stream {
    uint32_t state[4];
};
/* The stream for (seed, process index, thread index): the same triple always gives the same
 * numbers, and different triples unrelated ones. */
void random_seed(struct random_stream* stream, uint32_t seed, uint32_t process, uint32_t thread);
uint32_t random_next(struct random_stream* stream);
/* A number in [0, limit) (limit > 0). */
uint32_t random_below(struct random_stream* stream, uint32_t limit);
/* True with probability 1 / n. */
int random_one_in(struct random_stream* stream, uint32_t n);

/* --- the state of one worker thread --------------------------------------------------------- */
struct fuzz_thread {
    struct random_stream random;
    int process_index, thread_index;
    uint32_t calls;      /* made so far, scenarios' calls included */
    uint32_t violations; /* results outside the contract or an expectation */
    uint32_t scenarios;  /* scenarios run */
    /* Memory the kernel may write: the thread's own scratch buffer (never code, data or stack). */
    uint8_t* scratch;
};
#define SCRATCH_SIZE 8192

/* --- values.c: arguments ---------------------------------------------------------------------- */
/* Shared by the threads of a process: set up once by the worker before its threads start. */
void values_initialize(int process_index);
void values_cleanup(void);
/* A pointer the kernel would write `size` bytes through: mostly into the scratch buffer, else
 * null, unmapped, kernel, read-only, across the end of a mapping, or wrapping. */
uint32_t pointer_to_write(struct fuzz_thread* thread, uint32_t size);
/* The same for reading: also the program's code and constants, which may be read. */
uint32_t pointer_to_read(struct fuzz_thread* thread, uint32_t size);
/* A length or count: 0, 1, small, page-sized, huge, negative. */
uint32_t length_value(struct fuzz_thread* thread);
/* Any 32-bit number, with the boundary values often. */
uint32_t number_value(struct fuzz_thread* thread);
/* A path: programs, bad programs, directories, missing, trailing slash, empty, too long, a
 * string that runs into an unmapped page, a bad pointer. */
uint32_t path_value(struct fuzz_thread* thread);
/* A name for semaphore_open and shm_open: this process's own names, bad and too long ones. */
uint32_t object_name_value(struct fuzz_thread* thread);
/* Names shared by all workers (the last one is the victims'): the run unlinks them. */
#define SHARED_NAME_COUNT 3
extern const char* const SHARED_NAMES[SHARED_NAME_COUNT];
void unlink_shared_names(void);
/* The names worker `process_index` uses: the run removes them after a worker it killed. */
void unlink_worker_names(int process_index);
/* Open flags, valid and not. */
uint32_t open_flags_value(struct fuzz_thread* thread);
/* A pid: a child, the caller, init, the kernel, none, negative. */
uint32_t pid_value(struct fuzz_thread* thread);

/* The handles the threads of a process made on purpose and share (the "public" ones): any
 * thread may use, close or block on any of them. */
enum handle_kind {
    KIND_NONE,
    KIND_MUTEX,
    KIND_SEMAPHORE,
    KIND_FILE,
    KIND_SHARED_MEMORY,
    KIND_THREAD,
    KIND_KINDS
};
void handle_remember(int handle, enum handle_kind kind);
void handle_forget(int handle);
/* A handle for a call on objects of `kind`: one of that kind, of another kind, a console output
 * handle (the wrong kind, never closed), a closed one, or a number never opened. */
uint32_t handle_value(struct fuzz_thread* thread, enum handle_kind kind);
/* A public handle taken out of the table for close() (so no other thread closes it too), or -1. */
int handle_claim_for_close(struct fuzz_thread* thread);
/* Closes every public handle (at the end, and to free threads blocked on them). */
void handle_close_all(struct fuzz_thread* thread);
/* The mapping the process made, for munmap; 0 when none. */
uint32_t mapping_value(struct fuzz_thread* thread);
void mapping_remember(uint32_t address);

/* --- raw threads (scenarios.c): started with thread_create past the library (no thread pointer,
 * no errno), they make one call and end with thread_exit, handing its result to their joiner. */
enum raw_operation { RAW_EXIT, RAW_LOCK, RAW_WAIT, RAW_JOIN, RAW_SLEEP, RAW_POST, RAW_OPERATIONS };
struct raw_job {
    uint32_t operation; /* enum raw_operation */
    uint32_t handle;    /* what the call is made on */
    int32_t tid;        /* written by the thread when it starts */
};
void raw_thread_entry(struct raw_job* job);
/* A job that lives on after the call that starts the thread (generic thread_create, victims). */
struct raw_job* raw_job_lasting(uint32_t operation, uint32_t handle);

/* --- calls.c and scenarios.c --------------------------------------------------------------------
 */
/* One random call (or, now and then, a scenario). */
void fuzz_one(struct fuzz_thread* thread);
/* A scenario at random; returns after it has cleaned up after itself. */
void scenario_run(struct fuzz_thread* thread);

/* --- contract.c ------------------------------------------------------------------------------- */
/* Counts the call and checks an error result against the call's documented list. */
long checked(struct fuzz_thread* thread, uint32_t number, long result);
/* A result must be one of the expected values (or errors, negated): otherwise a violation is
 * reported with `what`. */
void expect_result(struct fuzz_thread* thread, const char* what, long result, const long* allowed,
                   int count);
#define EXPECT_ONE_OF(thread, what, result, ...)                                                   \
    do {                                                                                           \
        const long allowed_[] = {__VA_ARGS__};                                                     \
        expect_result((thread), (what), (result), allowed_, (int)COUNT(allowed_));                 \
    } while (0)
/* Reports a violation: one line "fuzz: VIOLATION ..." with the seed, process and thread. */
void report_violation(struct fuzz_thread* thread, const char* format, ...)
    __attribute__((format(printf, 2, 3)));
/* The name of a call ("mutex_lock") and of an error ("EBADF"). */
const char* call_name(uint32_t number);
const char* error_name(int error);
/* Writes a line to the console in one write (lines of several threads never mix). */
void say(const char* format, ...) __attribute__((format(printf, 1, 2)));

extern uint32_t g_seed;       /* the run's seed */
extern uint32_t g_pid;        /* this process's id (getpid of the library would be a call) */
extern const char* g_program; /* this program's path, for spawning itself */

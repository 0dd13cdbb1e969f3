/* The fuzzer's entry: the three roles one program plays.
 *
 *   fuzz [--seed S] [--calls N] [--processes P] [--threads T]
 *       the run: starts P worker processes (this program again) that make N random system
 *       calls in all, T threads each; waits for them; then checks that nothing leaked (free
 *       frames, kernel heap, processes, threads and its own handles back to where they were)
 *       and asks the kernel to check itself (self_check). Ends with one verdict line:
 *       "fuzz: PASS seed S ..." or "fuzz: FAIL seed S ...", and exit status 0 only on PASS.
 *   fuzz worker S INDEX CALLS THREADS      one worker process (worker.c)
 *   fuzz child exit K | child busy-exit K | child victim K
 *                                          the children that scenarios spawn and wait for or kill
 */
#include "fuzz.h"
#include <os.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

uint32_t g_seed;
uint32_t g_pid;
const char* g_program = "/fuzz/fuzz";

int worker_main(uint32_t index, uint32_t calls, uint32_t threads);

/* A victim: blocks for good in one of several ways until its parent kills it. */
static int victim(uint32_t how) {
    switch (how) {
    case 0: { /* console input, which nobody types */
        char byte;
        fuzz_call(SYSCALL_READ, 0, (uint32_t)&byte, 1, 0, 0);
        break;
    }
    case 1: { /* a mutex: one thread holds it, another waits for it, the main thread waits too */
        long mutex = fuzz_call(SYSCALL_MUTEX_CREATE, 0, 0, 0, 0, 0);
        fuzz_call(SYSCALL_MUTEX_LOCK, (uint32_t)mutex, 0, 0, 0, 0);
        fuzz_call(SYSCALL_THREAD_CREATE, (uint32_t)raw_thread_entry,
                  (uint32_t)raw_job_lasting(RAW_LOCK, (uint32_t)mutex), 0, 0, 0);
        long semaphore = fuzz_call(SYSCALL_SEMAPHORE_CREATE, 0, 0, 0, 0, 0);
        fuzz_call(SYSCALL_SEMAPHORE_WAIT, (uint32_t)semaphore, 0, 0, 0, 0);
        break;
    }
    case 2:
        fuzz_call(SYSCALL_SLEEP_MS, 0xFFFFFFFFu, 0, 0, 0, 0);
        break;
    case 3: { /* a join of a thread that waits for a semaphore */
        long semaphore = fuzz_call(SYSCALL_SEMAPHORE_CREATE, 0, 0, 0, 0, 0);
        long thread = fuzz_call(SYSCALL_THREAD_CREATE, (uint32_t)raw_thread_entry,
                                (uint32_t)raw_job_lasting(RAW_WAIT, (uint32_t)semaphore), 0, 0, 0);
        fuzz_call(SYSCALL_THREAD_JOIN, (uint32_t)thread, 0, 0, 0, 0);
        break;
    }
    case 4: { /* a named semaphore that every victim shares, with others waiting there too */
        long semaphore =
            fuzz_call(SYSCALL_SEMAPHORE_OPEN, (uint32_t)SHARED_NAMES[2], ABI_O_CREAT, 0, 0, 0);
        fuzz_call(SYSCALL_THREAD_CREATE, (uint32_t)raw_thread_entry,
                  (uint32_t)raw_job_lasting(RAW_WAIT, (uint32_t)semaphore), 0, 0, 0);
        fuzz_call(SYSCALL_SEMAPHORE_WAIT, (uint32_t)semaphore, 0, 0, 0, 0);
        break;
    }
    default:
        for (volatile uint32_t spin = 0;; ++spin)
            ;
    }
    for (;;) /* woken by a mistake: stay until killed */
        fuzz_call(SYSCALL_SLEEP_MS, 1000, 0, 0, 0, 0);
}

/* A child that ends itself while its threads are in the middle of calls: blocked on a mutex
 * and a semaphore, asleep. An odd `how` calls exit(7) at once; an even one ends the main thread
 * alone (thread_exit) after closing the handles, so the others wake with EBADF and end, and the
 * process ends with status 0 after its last thread. */
static int busy_exit(uint32_t how) {
    long mutex = fuzz_call(SYSCALL_MUTEX_CREATE, 0, 0, 0, 0, 0);
    fuzz_call(SYSCALL_MUTEX_LOCK, (uint32_t)mutex, 0, 0, 0, 0);
    long semaphore = fuzz_call(SYSCALL_SEMAPHORE_CREATE, 0, 0, 0, 0, 0);
    const uint32_t jobs[][2] = {
        {RAW_LOCK, (uint32_t)mutex}, {RAW_WAIT, (uint32_t)semaphore}, {RAW_SLEEP, 0}};
    for (size_t i = 0; i < COUNT(jobs); ++i)
        fuzz_call(SYSCALL_THREAD_CREATE, (uint32_t)raw_thread_entry,
                  (uint32_t)raw_job_lasting(jobs[i][0], jobs[i][1]), 0, 0, 0);
    fuzz_call(SYSCALL_SLEEP_MS, how / 2 % 4, 0, 0, 0, 0);
    if (how % 2 == 1)
        fuzz_call(SYSCALL_EXIT, 7, 0, 0, 0, 0);
    fuzz_call(SYSCALL_CLOSE, (uint32_t)mutex, 0, 0, 0, 0);
    fuzz_call(SYSCALL_CLOSE, (uint32_t)semaphore, 0, 0, 0, 0);
    for (;;)
        fuzz_call(SYSCALL_THREAD_EXIT, 0, 0, 0, 0, 0);
}

struct baseline {
    struct abi_system_info system;
    uint32_t handles;
};

static void measure(struct baseline* now) {
    os_system_info(&now->system);
    struct abi_process_info self;
    os_process_info(0, &self);
    now->handles = self.handle_count;
}

static int same(const struct baseline* a, const struct baseline* b) {
    /* Read-only pages of ended programs wait in the kernel's program-image cache (run_all.c). */
    return a->system.free_frames + a->system.unused_program_frames ==
               b->system.free_frames + b->system.unused_program_frames &&
           a->system.kernel_heap_used == b->system.kernel_heap_used &&
           a->system.process_count == b->system.process_count &&
           a->system.thread_count == b->system.thread_count && a->handles == b->handles;
}

/* Like run_all's check: a difference counts only when it lasts 2 s, because the kernel may
 * finish returning an ended process's memory a moment after wait has reported it. */
static int leak_check(const struct baseline* before) {
    struct baseline after;
    for (int waited = 0; waited < 2000; waited += 20) {
        measure(&after);
        if (same(before, &after))
            return 0;
        usleep(20000);
    }
    say("fuzz: LEAK seed %u (before -> after): free frames %u -> %u, kernel heap %u -> %u bytes, "
        "processes %u -> %u, threads %u -> %u, handles %u -> %u\n",
        g_seed, before->system.free_frames, after.system.free_frames,
        before->system.kernel_heap_used, after.system.kernel_heap_used,
        before->system.process_count, after.system.process_count, before->system.thread_count,
        after.system.thread_count, before->handles, after.handles);
    return 1;
}

static long spawn_self(const char* role, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    char words[4][12];
    snprintf(words[0], sizeof words[0], "%u", a);
    snprintf(words[1], sizeof words[1], "%u", b);
    snprintf(words[2], sizeof words[2], "%u", c);
    snprintf(words[3], sizeof words[3], "%u", d);
    const char* argv[] = {g_program, role, words[0], words[1], words[2], words[3], 0};
    return fuzz_call(SYSCALL_SPAWN, (uint32_t)g_program, (uint32_t)argv, 0, 0, 0);
}

/* Waits for every worker; returns how many did not exit with 0 (the one the run killed on
 * purpose, `killed`, must have been killed with SIGKILL instead). */
static int wait_for_workers(const long* pids, uint32_t count, uint32_t killed) {
    int failed = 0;
    for (uint32_t i = 0; i < count; ++i) {
        if (is_error(pids[i]))
            continue;
        int status = 0;
        long result = fuzz_call(SYSCALL_WAIT, (uint32_t)pids[i], (uint32_t)&status, 0, 0, 0);
        if (result != pids[i]) {
            say("fuzz: wait for worker %u failed: %s\n", i, error_name((int)-result));
            ++failed;
        } else if (i == killed && status == ABI_WAIT_SIGNALED(ABI_SIGKILL)) {
            say("fuzz: worker %u: killed in the middle of its calls, as planned\n", i);
        } else if ((status & 0x7F) != 0) {
            say("fuzz: worker %u was killed by signal %d\n", i, status & 0x7F);
            ++failed;
        } else if ((status >> 8) != 0) {
            ++failed; /* it printed its violations */
        }
    }
    return failed;
}

/* A victim spawned by a worker that was then killed lives on, blocked for good, as init's
 * child: the run ends every process of this program but itself (init collects them). */
static void kill_orphaned_victims(void) {
    struct abi_process_info processes[ABI_PROCESS_MAX];
    long count = fuzz_call(SYSCALL_PROCESS_LIST, (uint32_t)processes, ABI_PROCESS_MAX, 0, 0, 0);
    for (long i = 0; i < count && i < ABI_PROCESS_MAX; ++i) {
        if ((uint32_t)processes[i].pid != g_pid && processes[i].state == ABI_PROCESS_RUNNING &&
            strcmp(processes[i].name, "fuzz") == 0)
            fuzz_call(SYSCALL_KILL, (uint32_t)processes[i].pid, ABI_SIGKILL, 0, 0, 0);
    }
}

static uint32_t option(int argc, char** argv, const char* name, uint32_t fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (strcmp(argv[i], name) == 0)
            return (uint32_t)strtoul(argv[i + 1], 0, 0);
    }
    return fallback;
}

static int run(int argc, char** argv) {
    g_seed = option(argc, argv, "--seed", 1);
    uint32_t calls = option(argc, argv, "--calls", 10000);
    uint32_t processes = option(argc, argv, "--processes", 3);
    uint32_t threads = option(argc, argv, "--threads", 3);
    if (processes < 1 || processes > 8 || threads < 1 || threads > 7) {
        say("fuzz: --processes takes 1 to 8, --threads 1 to 7\n");
        return 2;
    }
    say("fuzz: seed %u, %u calls, %u processes x %u threads\n", g_seed, calls, processes, threads);
    unlink_shared_names(); /* left over from an earlier run in this boot */
    /* Once before measuring: what the kernel keeps for good after its first spawns. */
    int status;
    long warm_up = spawn_self("child", 0, 0, 0, 0);
    if (!is_error(warm_up))
        fuzz_call(SYSCALL_WAIT, (uint32_t)warm_up, (uint32_t)&status, 0, 0, 0);
    struct baseline before;
    measure(&before);
    uint64_t started = os_uptime_ms();
    long pids[8];
    for (uint32_t i = 0; i < processes; ++i) {
        pids[i] = spawn_self("worker", g_seed, i, calls / processes, threads);
        if (is_error(pids[i]))
            say("fuzz: cannot start worker %u: %s\n", i, error_name((int)-pids[i]));
    }
    /* In half of the runs one worker is killed in the middle of its calls: a process with
     * threads blocked everywhere, handles, mappings and children, ended from outside. */
    struct random_stream random;
    random_seed(&random, g_seed, 0xFFFF, 0);
    uint32_t killed = 0xFFFFFFFFu;
    if (processes > 1 && random_one_in(&random, 2)) {
        killed = random_below(&random, processes);
        usleep(1000 * (20 + random_below(&random, 600)));
        if (!is_error(pids[killed]))
            fuzz_call(SYSCALL_KILL, (uint32_t)pids[killed], ABI_SIGKILL, 0, 0, 0);
    }
    int failed_workers = wait_for_workers(pids, processes, killed);
    if (killed != 0xFFFFFFFFu)
        kill_orphaned_victims();
    unlink_shared_names();
    for (uint32_t i = 0; i < processes; ++i) /* a killed worker could not remove its own */
        unlink_worker_names((int)i);
    uint64_t elapsed = os_uptime_ms() - started;
    int leaks = leak_check(&before);
    long check = fuzz_call(SYSCALL_SELF_CHECK, 0, 0, 0, 0, 0);
    const char* self_check = check == 0 ? "self-check passed"
                             : check == -EPERM
                                 ? "self-check not available (boot with self_check=on)"
                                 : "self-check FAILED (see the kernel log)";
    int pass = failed_workers == 0 && leaks == 0 && (check == 0 || check == -EPERM);
    say("fuzz: %s seed %u: %u calls in %u processes x %u threads, %llu ms; %d of %u workers "
        "failed, %s, %s\n",
        pass ? "PASS" : "FAIL", g_seed, calls, processes, threads, (unsigned long long)elapsed,
        failed_workers, processes, leaks ? "leaks" : "no leaks", self_check);
    return pass ? 0 : 1;
}

int main(int argc, char** argv) {
    g_pid = (uint32_t)getpid();
    if (argc >= 1 && argv[0][0] == '/')
        g_program = argv[0];
    if (argc == 6 && strcmp(argv[1], "worker") == 0) {
        g_seed = (uint32_t)strtoul(argv[2], 0, 10);
        return worker_main((uint32_t)strtoul(argv[3], 0, 10), (uint32_t)strtoul(argv[4], 0, 10),
                           (uint32_t)strtoul(argv[5], 0, 10));
    }
    if (argc >= 3 && strcmp(argv[1], "child") == 0) {
        if (argc >= 4 && strcmp(argv[2], "victim") == 0)
            return victim((uint32_t)strtoul(argv[3], 0, 10));
        if (argc >= 4 && strcmp(argv[2], "exit") == 0)
            return (int)strtoul(argv[3], 0, 10);
        if (argc >= 4 && strcmp(argv[2], "busy-exit") == 0)
            return busy_exit((uint32_t)strtoul(argv[3], 0, 10));
        return 0;
    }
    return run(argc, argv);
}

/* The public handles of a worker process: those its threads made on purpose and share, each
 * with the kind of object behind it, so that a call can be given a handle of the right kind, of
 * a wrong kind, or one that another thread has just closed. The table is read and written with
 * atomic operations and no lock (a lock would serialize the very calls the fuzzer wants to race);
 * what a thread reads may be stale by the time it calls, which is part of the test. A handle is
 * closed by the one thread that takes it out of the table, so the fuzzer never closes a number
 * twice: a number the kernel has handed out again belongs to whoever made it now. */
#include "fuzz.h"

static uint8_t g_kinds[ABI_HANDLE_MAX];
#define MAPPINGS 16
static uint32_t g_mappings[MAPPINGS]; /* address | pages - 1 (at most 4096 pages: 16 MiB) */

void handle_remember(int handle, enum handle_kind kind) {
    if (handle >= 3 && handle < ABI_HANDLE_MAX)
        __atomic_store_n(&g_kinds[handle], (uint8_t)kind, __ATOMIC_RELAXED);
}

void handle_forget(int handle) {
    handle_remember(handle, KIND_NONE);
}

/* Takes handle `handle` out of the table if it is still there; true when this caller did. */
static int claim(int handle) {
    uint8_t kind = __atomic_load_n(&g_kinds[handle], __ATOMIC_RELAXED);
    return kind != KIND_NONE && __atomic_compare_exchange_n(&g_kinds[handle], &kind, KIND_NONE, 0,
                                                            __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

/* A public handle of `kind` (KIND_NONE: of any kind), starting the search at random; -1 if none. */
static int find(struct fuzz_thread* thread, enum handle_kind kind) {
    uint32_t start = random_below(&thread->random, ABI_HANDLE_MAX);
    for (uint32_t i = 0; i < ABI_HANDLE_MAX; ++i) {
        uint32_t handle = (start + i) % ABI_HANDLE_MAX;
        uint8_t found = __atomic_load_n(&g_kinds[handle], __ATOMIC_RELAXED);
        if (found != KIND_NONE && (kind == KIND_NONE || found == kind))
            return (int)handle;
    }
    return -1;
}

uint32_t handle_value(struct fuzz_thread* thread, enum handle_kind kind) {
    static const uint32_t NEVER_OPEN[] = {ABI_HANDLE_MAX, ABI_HANDLE_MAX + 1, 1000,
                                          0x7FFFFFFF,     0x80000000u,        0xFFFFFFFFu,
                                          0xFFFFFFFEu};
    uint32_t choice = random_below(&thread->random, 20);
    int handle = -1;
    if (choice < 13)
        handle = find(thread, kind);
    else if (choice < 16)
        handle = find(thread, KIND_NONE);
    else if (choice < 18)
        handle = 1 + (int)random_below(&thread->random, 2); /* console output: a wrong kind */
    if (handle >= 0)
        return (uint32_t)handle;
    return NEVER_OPEN[random_below(&thread->random, COUNT(NEVER_OPEN))];
}

/* close() of a public handle: only by the thread that claims it. */
int handle_claim_for_close(struct fuzz_thread* thread) {
    for (int tries = 0; tries < 4; ++tries) {
        int handle = find(thread, KIND_NONE);
        if (handle < 0)
            return -1;
        if (claim(handle))
            return handle;
    }
    return -1;
}

void handle_close_all(struct fuzz_thread* thread) {
    for (int handle = 3; handle < ABI_HANDLE_MAX; ++handle) {
        if (claim(handle))
            checked(thread, SYSCALL_CLOSE, fuzz_call(SYSCALL_CLOSE, (uint32_t)handle, 0, 0, 0, 0));
    }
}

uint32_t mapping_value(struct fuzz_thread* thread) {
    uint32_t start = random_below(&thread->random, MAPPINGS);
    for (uint32_t i = 0; i < MAPPINGS; ++i) {
        uint32_t* slot = &g_mappings[(start + i) % MAPPINGS];
        uint32_t value = __atomic_load_n(slot, __ATOMIC_RELAXED);
        if (value != 0 &&
            __atomic_compare_exchange_n(slot, &value, 0, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            return value;
    }
    return 0;
}

void mapping_remember(uint32_t value) {
    for (uint32_t i = 0; i < MAPPINGS; ++i) {
        uint32_t expected = 0;
        if (__atomic_compare_exchange_n(&g_mappings[i], &expected, value, 0, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED))
            return;
    }
    /* No room: unmap it at once (the mapping's value holds its pages). */
    fuzz_call(SYSCALL_MUNMAP, value & ~0xFFFu, ((value & 0xFFFu) + 1) * 4096, 0, 0, 0);
}

/* The fuzzer's arguments. Most are valid, so that calls get past their first check and into the
 * kernel's deeper paths; the rest sit on the boundaries (0, 1, page sizes, the largest values)
 * or are hostile (null, unmapped and kernel pointers, read-only memory, strings that run off the
 * end of a mapping, wrong kinds of handles). Nothing here may let the kernel write into the
 * fuzzer's own code, data or stacks: writable pointers point into a thread's scratch buffer, or
 * where a write must fail. */
#include "fuzz.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PAGE 4096u

/* The page after g_edge is unmapped: strings and buffers that run into it must give EFAULT. */
static uint32_t g_edge;
static uint32_t g_edge_mapping;
static char g_long_path[ABI_PATH_MAX + 16];
static char g_long_name[ABI_OBJECT_NAME_MAX + 16];
static char g_names[3][24];
static const char g_constant[] = "a read-only constant of the program";

static const uint32_t KERNEL_POINTERS[] = {0xC0000000u, 0xC0100000u, 0xC0400000u, 0xF8000000u,
                                           0xFFFFF000u, 0xFFFFFFFCu, 0xFFFFFFFFu};

static const char* const PATHS[] = {
    "/data/not-an-elf",
    "/bin",
    "/",
    "/nothing/here",
    "/bin/hello/",
    "/data/not-an-elf/more",
    "",
    "relative",
    "/bin/hello",
    "/data",
    "//bin//hello",
    "/tests/",
    "/data/bad-elf-truncated",
    "/data/bad-elf-machine",
    "/data/bad-elf-kernel-segment",
    "/data/bad-elf-segment-past-file",
    "/data/bad-elf-entry",
};

static const char* const BAD_NAMES[] = {"", "noslash", "/a/b", "/", "//", "/a/"};

/* Names every worker uses, so that processes meet in named objects; the run removes them. */
const char* const SHARED_NAMES[SHARED_NAME_COUNT] = {"/fzall-a", "/fzall-b", "/fzall-victim"};

/* The last page of the range where mappings go, right below the guard page of the main thread's
 * stack: a page that is never mapped, since the guard must fault. (An ordinary unmapped page
 * would not do: the kernel may put a new thread's stack there, and the "bad" pointers into it
 * would then be good ones into a stack.) */
#define EDGE_PAGE (ABI_MAIN_STACK_TOP - ABI_MAIN_STACK_SIZE - 2 * PAGE)

/* One page of a shared-memory object is mapped at EDGE_PAGE, the guard page after it: the end
 * of the mapped page holds strings without their NUL, so the kernel must stop at the edge. */
static void make_edge(int process_index) {
    char name[32];
    snprintf(name, sizeof name, "/fz%d-edge", process_index);
    long handle = fuzz_call(SYSCALL_SHM_OPEN, (uint32_t)name, ABI_O_CREAT | ABI_O_RDWR, 0, 0, 0);
    if (is_error(handle))
        return;
    struct abi_mmap_request request = {
        EDGE_PAGE,       PAGE, ABI_PROT_READ | ABI_PROT_WRITE, ABI_MAP_SHARED | ABI_MAP_FIXED,
        (int32_t)handle, 0};
    long address = -1;
    if (!is_error(fuzz_call(SYSCALL_FTRUNCATE, (uint32_t)handle, PAGE, 0, 0, 0)))
        address = fuzz_call(SYSCALL_MMAP, (uint32_t)&request, 0, 0, 0, 0);
    fuzz_call(SYSCALL_CLOSE, (uint32_t)handle, 0, 0, 0, 0);
    fuzz_call(SYSCALL_SHM_UNLINK, (uint32_t)name, 0, 0, 0, 0);
    if (address != (long)EDGE_PAGE) { /* then the fuzzer goes without an edge */
        say("fuzz: no edge page at %#x: %ld\n", EDGE_PAGE, address);
        return;
    }
    g_edge_mapping = (uint32_t)address;
    g_edge = (uint32_t)address + PAGE;
    memset((void*)(g_edge - 64), 'x', 64);
    memcpy((void*)(g_edge - 8), "/bin/hel", 8); /* no NUL before the edge */
}

void values_initialize(int process_index) {
    make_edge(process_index);
    memset(g_long_path, 'p', sizeof g_long_path - 1);
    g_long_path[0] = '/';
    memset(g_long_name, 'n', sizeof g_long_name - 1);
    g_long_name[0] = '/';
    for (int i = 0; i < 3; ++i)
        snprintf(g_names[i], sizeof g_names[i], "/fz%d%c", process_index, 'a' + i);
    for (int i = 0; i < 3; ++i) { /* left over from an earlier run in this boot */
        fuzz_call(SYSCALL_SEMAPHORE_UNLINK, (uint32_t)g_names[i], 0, 0, 0, 0);
        fuzz_call(SYSCALL_SHM_UNLINK, (uint32_t)g_names[i], 0, 0, 0, 0);
    }
}

void unlink_worker_names(int process_index) {
    char name[32];
    for (int i = 0; i < 3 + 1 + 8; ++i) { /* a, b, c; the edge; each thread's scenario object */
        if (i < 3)
            snprintf(name, sizeof name, "/fz%d%c", process_index, 'a' + i);
        else if (i == 3)
            snprintf(name, sizeof name, "/fz%d-edge", process_index);
        else
            snprintf(name, sizeof name, "/fz%ds%d", process_index, i - 4);
        fuzz_call(SYSCALL_SEMAPHORE_UNLINK, (uint32_t)name, 0, 0, 0, 0);
        fuzz_call(SYSCALL_SHM_UNLINK, (uint32_t)name, 0, 0, 0, 0);
    }
}

void unlink_shared_names(void) {
    for (int i = 0; i < SHARED_NAME_COUNT; ++i) {
        fuzz_call(SYSCALL_SEMAPHORE_UNLINK, (uint32_t)SHARED_NAMES[i], 0, 0, 0, 0);
        fuzz_call(SYSCALL_SHM_UNLINK, (uint32_t)SHARED_NAMES[i], 0, 0, 0, 0);
    }
}

void values_cleanup(void) {
    for (int i = 0; i < 3; ++i) {
        fuzz_call(SYSCALL_SEMAPHORE_UNLINK, (uint32_t)g_names[i], 0, 0, 0, 0);
        fuzz_call(SYSCALL_SHM_UNLINK, (uint32_t)g_names[i], 0, 0, 0, 0);
    }
    if (g_edge_mapping != 0)
        fuzz_call(SYSCALL_MUNMAP, g_edge_mapping, PAGE, 0, 0, 0);
}

/* Pointers where nothing may be written or read: null, low, unmapped, kernel, wrapping. */
static uint32_t hostile_pointer(struct fuzz_thread* thread, uint32_t size) {
    switch (random_below(&thread->random, 6)) {
    case 0:
        return 0;
    case 1:
        return 1 + random_below(&thread->random, PAGE - 1);
    case 2:
        return g_edge != 0 ? g_edge + random_below(&thread->random, PAGE) : 0;
    case 3: /* starts mapped, ends past the edge */
        return g_edge != 0 && size > 1 ? g_edge - random_below(&thread->random, size - 1) - 1
                                       : 0xC0000000u;
    case 4:
        return KERNEL_POINTERS[random_below(&thread->random, COUNT(KERNEL_POINTERS))];
    default: /* starts below the kernel's half and runs into it (never ends just below it, in
              * the main thread's stack) */
        return size == 0 ? 0xC0000000u : 0xC0000000u - random_below(&thread->random, size);
    }
}

static uint32_t scratch_pointer(struct fuzz_thread* thread, uint32_t size) {
    if (size >= SCRATCH_SIZE)
        return (uint32_t)thread->scratch;
    return (uint32_t)thread->scratch + random_below(&thread->random, SCRATCH_SIZE - size + 1);
}

uint32_t pointer_to_write(struct fuzz_thread* thread, uint32_t size) {
    uint32_t choice = random_below(&thread->random, 10);
    /* More than the scratch buffer holds would run on into the fuzzer's own data, which is as
     * mapped and writable as the buffer: the kernel would be right to write it. */
    if (size > SCRATCH_SIZE)
        return hostile_pointer(thread, size);
    if (choice < 6)
        return scratch_pointer(thread, size);
    if (choice == 6) /* code and constants: readable, not writable */
        return random_one_in(&thread->random, 2) ? (uint32_t)&random_next : (uint32_t)g_constant;
    return hostile_pointer(thread, size);
}

uint32_t pointer_to_read(struct fuzz_thread* thread, uint32_t size) {
    uint32_t choice = random_below(&thread->random, 10);
    if (choice < 6)
        return scratch_pointer(thread, size);
    if (choice == 6)
        return random_one_in(&thread->random, 2) ? (uint32_t)&random_next : (uint32_t)g_constant;
    return hostile_pointer(thread, size);
}

static const uint32_t BOUNDARY_NUMBERS[] = {
    0,    1,          2,           3,           4,           7,           8,
    16,   255,        256,         257,         4095,        4096,        4097,
    8192, 0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu, 0xFFFFF000u, 0x10000000u, 65536};

uint32_t length_value(struct fuzz_thread* thread) {
    uint32_t choice = random_below(&thread->random, 10);
    if (choice < 5)
        return random_below(&thread->random, 300);
    if (choice < 9)
        return BOUNDARY_NUMBERS[random_below(&thread->random, COUNT(BOUNDARY_NUMBERS))];
    return random_next(&thread->random);
}

uint32_t number_value(struct fuzz_thread* thread) {
    uint32_t choice = random_below(&thread->random, 10);
    if (choice < 4)
        return random_below(&thread->random, 8);
    if (choice < 8)
        return BOUNDARY_NUMBERS[random_below(&thread->random, COUNT(BOUNDARY_NUMBERS))];
    return random_next(&thread->random);
}

uint32_t path_value(struct fuzz_thread* thread) {
    uint32_t choice = random_below(&thread->random, 12);
    if (choice < 8)
        return (uint32_t)PATHS[random_below(&thread->random, COUNT(PATHS))];
    if (choice == 8)
        return (uint32_t)g_long_path;
    if (choice == 9 && g_edge != 0)
        return g_edge - 8; /* "/bin/hel" and then the unmapped page */
    return hostile_pointer(thread, ABI_PATH_MAX);
}

uint32_t object_name_value(struct fuzz_thread* thread) {
    uint32_t choice = random_below(&thread->random, 12);
    if (choice < 6)
        return (uint32_t)g_names[random_below(&thread->random, 3)];
    if (choice < 8)
        return (uint32_t)SHARED_NAMES[random_below(&thread->random, SHARED_NAME_COUNT)];
    if (choice == 8)
        return (uint32_t)BAD_NAMES[random_below(&thread->random, COUNT(BAD_NAMES))];
    if (choice == 9)
        return (uint32_t)g_long_name;
    if (choice == 10 && g_edge != 0)
        return g_edge - 8;
    return hostile_pointer(thread, ABI_OBJECT_NAME_MAX);
}

uint32_t open_flags_value(struct fuzz_thread* thread) {
    static const uint32_t FLAGS[] = {ABI_O_RDONLY,
                                     ABI_O_RDWR,
                                     ABI_O_WRONLY,
                                     ABI_O_CREAT,
                                     ABI_O_CREAT | ABI_O_RDWR,
                                     ABI_O_CREAT | ABI_O_EXCL | ABI_O_RDWR,
                                     ABI_O_TRUNC | ABI_O_RDWR,
                                     ABI_O_TRUNC,
                                     3,
                                     0x80000000u,
                                     0xFFFFFFFFu};
    if (random_one_in(&thread->random, 16))
        return random_next(&thread->random);
    return FLAGS[random_below(&thread->random, COUNT(FLAGS))];
}

uint32_t pid_value(struct fuzz_thread* thread) {
    static const uint32_t PIDS[] = {0, 1, 0xFFFFFFFFu, 0xFFFFFFFEu, 0x7FFFFFFF, 0x80000000u, 99999};
    if (random_one_in(&thread->random, 3))
        return g_pid;
    return PIDS[random_below(&thread->random, COUNT(PIDS))];
}

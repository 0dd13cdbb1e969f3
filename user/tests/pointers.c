/* User test: pointers passed to system calls. The kernel must check every pointer it is given
 * before it reads or writes through it: null, unmapped, kernel addresses (0xC0000000 and up),
 * read-only memory the kernel would write to, buffers and strings that run from a mapped page
 * into an unmapped one, ranges that wrap around the end of the address space, and huge lengths
 * all fail with EFAULT (libk/abi/system_calls.h), as on Linux, and the process goes on.
 * Buffers and strings that cross a page boundary between two mapped pages work.
 *
 * The calls are made raw (raw_call, common/check.h), past the library, which could otherwise
 * refuse or change some arguments itself. */
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { PAGE_SIZE = 4096 };

#define KERNEL_START 0xC0000000u /* the first kernel address */
#define KERNEL_CODE 0xC0100000u  /* mapped, but only for the kernel */
#define LAST_PAGE 0xFFFFF000u

static const char* g_self; /* this program's path: a file that surely exists */
static int g_file;         /* this program, opened for reading */
static char* g_hole;       /* an unmapped page; the two pages below it are mapped */
/* Constants are read-only (user/lib/user.ld): the kernel must not write here either. */
static const char g_read_only[] = "/tests/pointers";

/* Moves the program break so that the two pages below the returned address are mapped (zeroed
 * heap) and the page at it is not. Growing to three pages first proves that nothing else is
 * mapped there (brk fails on another mapping); shrinking by one unmaps the third. No malloc may
 * happen afterwards, since it would grow the heap into the hole. */
static char* make_hole(void) {
    uintptr_t start = ((uintptr_t)sbrk(0) + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
    if (brk((void*)(start + 3 * PAGE_SIZE)) != 0 || brk((void*)(start + 2 * PAGE_SIZE)) != 0)
        return NULL;
    return (char*)(start + 2 * PAGE_SIZE);
}

static void check_null_pointers(void) {
    struct abi_stat status;
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, 1, NULL, 1), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ, g_file, NULL, 1), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_OPEN, NULL, ABI_O_RDONLY), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_STAT, NULL, &status), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_STAT, g_self, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SPAWN, NULL, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_UPTIME_MS, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ_CYCLES, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_CLOCK_GETTIME, ABI_CLOCK_MONOTONIC, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_PROCESS_INFO, 0, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_PROCESS_LIST, NULL, 4), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_THREAD_LIST, NULL, 4), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SYSTEM_INFO, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_MMAP, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_OPEN, NULL, ABI_O_CREAT, 0), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_UNLINK, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SHM_OPEN, NULL, ABI_O_CREAT | ABI_O_RDWR), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SHM_UNLINK, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_THREAD_CREATE, NULL, 0), EFAULT); /* below user space */
    long word = 0;
    EXPECT_ERROR(raw_call(SYSCALL_COPY_MEMORY, NULL, &word, sizeof word), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_COPY_MEMORY, &word, NULL, sizeof word), EFAULT);
}

/* `address` is one the process may not use: in the kernel, unmapped, or (for the calls that
 * write) read-only. */
static void check_bad_address(uintptr_t address, const char* what) {
    check_context("%s %#lx", what, (unsigned long)address);
    char* argv[] = {(char*)g_self, "stop", (char*)address, NULL};
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, 1, address, 1), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ, g_file, address, 1), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_OPEN, address, ABI_O_RDONLY), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_STAT, address, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SPAWN, g_self, address), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SPAWN, g_self, argv), EFAULT); /* a bad argument string */
    EXPECT_ERROR(raw_call(SYSCALL_CLOCK_GETTIME, ABI_CLOCK_MONOTONIC, address), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SYSTEM_INFO, address), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_PROCESS_LIST, address, 1), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_MMAP, address), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_OPEN, address, ABI_O_CREAT, 0), EFAULT);
    long word = 7;
    EXPECT_ERROR(raw_call(SYSCALL_COPY_MEMORY, address, &word, sizeof word), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_COPY_MEMORY, &word, address, sizeof word), EFAULT);
    EXPECT_VALUE(word, 7); /* a refused copy writes nothing */
    check_context(NULL);
}

/* Memory the process may read but not write: the kernel must not write it either. */
static void check_read_only_memory(void) {
    uintptr_t code = (uintptr_t)check_read_only_memory;
    uintptr_t constants = (uintptr_t)g_read_only;
    EXPECT_ERROR(raw_call(SYSCALL_READ, g_file, code, 4), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ, g_file, constants, 4), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_CLOCK_GETTIME, ABI_CLOCK_MONOTONIC, constants), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_UPTIME_MS, code), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_COPY_MEMORY, constants, "abcd", 4), EFAULT);
    EXPECT_TRUE(memcmp((const void*)code, "\x55\x89\xe5", 3) == 0); /* push ebp; mov ebp, esp */
    EXPECT_TRUE(strcmp(g_read_only, "/tests/pointers") == 0);
    /* Reading from read-only memory is fine. */
    struct abi_stat status;
    EXPECT_VALUE(raw_call(SYSCALL_STAT, g_read_only, &status), 0);
}

/* Buffers and strings that start in a mapped page and run into the hole. */
static void check_crossing_into_hole(void) {
    char* tail = g_hole - 8; /* the last 8 mapped bytes */
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, 1, tail, 16), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ, g_file, tail, 16), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_CLOCK_GETTIME, ABI_CLOCK_MONOTONIC, g_hole - 4), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_UPTIME_MS, g_hole - 4), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SYSTEM_INFO, tail), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_PROCESS_INFO, 0, tail), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_MMAP, tail), EFAULT);
    char copy[16] = "untouched";
    EXPECT_ERROR(raw_call(SYSCALL_COPY_MEMORY, copy, tail, 16), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_COPY_MEMORY, tail, copy, 16), EFAULT);
    EXPECT_TRUE(strcmp(copy, "untouched") == 0);
    /* Strings whose terminating NUL would be in the hole. */
    memcpy(tail, "/tests/p", 8);
    EXPECT_ERROR(raw_call(SYSCALL_OPEN, tail, ABI_O_RDONLY), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_STAT, tail, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SPAWN, tail, NULL), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_OPEN, tail, ABI_O_CREAT, 0), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_SHM_OPEN, tail, ABI_O_CREAT | ABI_O_RDWR), EFAULT);
    /* An argument vector whose NULL end would be in the hole. */
    char** vector = (char**)(g_hole - 2 * sizeof(char*));
    vector[0] = (char*)g_self;
    vector[1] = "stop";
    EXPECT_ERROR(raw_call(SYSCALL_SPAWN, g_self, vector), EFAULT);
}

/* Ranges whose end wraps past 0xFFFFFFFF, and lengths no process could have mapped. */
static void check_wrapping_and_huge_ranges(void) {
    char* start = g_hole - 2 * PAGE_SIZE;
    uint32_t wrapping = (uint32_t)(0 - (uintptr_t)start) + 16; /* start + length == 16 */
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, 1, start, wrapping), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ, g_file, start, wrapping), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, 1, LAST_PAGE, 2 * PAGE_SIZE), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, 1, start, 0x7FFFFFFFu), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, 1, start, 0xFFFFFFFFu), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ, g_file, start, 0xFFFFFFFFu), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ, g_file, start, KERNEL_START), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_PROCESS_LIST, start, 0x7FFFFFFF), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_THREAD_LIST, start, 0x01000000), EFAULT);
    /* Half user space, half kernel. */
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, 1, KERNEL_START - 8, 16), EFAULT);
}

/* The whole range of a read is checked, not only the bytes the file still has: a short file
 * read into a buffer whose stated size runs into the hole or the kernel's half is EFAULT, and
 * nothing is written (the fuzzer found reads that wrote the file into a thread's stack). */
static void check_short_read_into_a_bad_range(void) {
    char* start = g_hole - 2 * PAGE_SIZE;
    int file = open("/data/not-an-elf", O_RDONLY); /* 86 bytes */
    memset(start, 0x55, 128);
    EXPECT_ERROR(raw_call(SYSCALL_READ, file, start, KERNEL_START - (uintptr_t)start + 16), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ, file, start, 0xFFFFFFFFu), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_READ, file, start, 3 * PAGE_SIZE), EFAULT); /* into the hole */
    int untouched = 1;
    for (int i = 0; i < 128; ++i)
        untouched = untouched && start[i] == 0x55;
    expect_that(untouched, "a refused read wrote into the buffer");
    EXPECT_VALUE(raw_call(SYSCALL_READ, file, start, 2 * PAGE_SIZE), 86); /* nothing was consumed */
    close(file);
}

/* Names longer than the limits of libk/abi/types.h, properly terminated: ENAMETOOLONG. */
static void check_long_names(void) {
    char path[ABI_PATH_MAX + 8];
    memset(path, 'a', sizeof path - 1);
    path[0] = '/';
    path[sizeof path - 1] = '\0';
    EXPECT_ERROR(raw_call(SYSCALL_OPEN, path, ABI_O_RDONLY), ENAMETOOLONG);
    EXPECT_ERROR(raw_call(SYSCALL_STAT, path, NULL), ENAMETOOLONG);
    EXPECT_ERROR(raw_call(SYSCALL_SPAWN, path, NULL), ENAMETOOLONG);
    path[ABI_OBJECT_NAME_MAX + 1] = '\0';
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_OPEN, path, ABI_O_CREAT, 0), ENAMETOOLONG);
    EXPECT_ERROR(raw_call(SYSCALL_SHM_OPEN, path, ABI_O_CREAT | ABI_O_RDWR), ENAMETOOLONG);
}

/* Between two mapped pages nothing is wrong: the same calls work. */
static void check_legal_crossing(void) {
    char* boundary = g_hole - PAGE_SIZE;
    char* path = boundary - 4; /* "/tes" in the first page, the rest in the second */
    strcpy(path, g_self);
    struct abi_stat status;
    EXPECT_VALUE(raw_call(SYSCALL_STAT, path, &status), 0);
    long handle = raw_call(SYSCALL_OPEN, path, ABI_O_RDONLY);
    EXPECT_SUCCESS(handle);
    unsigned char* buffer = (unsigned char*)boundary - 2;
    EXPECT_VALUE(raw_call(SYSCALL_READ, handle, buffer, 64), 64);
    EXPECT_TRUE(memcmp(buffer, "\177ELF", 4) == 0);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, handle), 0);
    struct abi_timespec* time = (struct abi_timespec*)(boundary - 4);
    EXPECT_VALUE(raw_call(SYSCALL_CLOCK_GETTIME, ABI_CLOCK_MONOTONIC, time), 0);
    EXPECT_TRUE(time->nanoseconds >= 0 && time->nanoseconds < 1000000000);
    EXPECT_VALUE(raw_call(SYSCALL_SYSTEM_INFO, boundary - 12), 0);
    static const char line[] = "pointers: this line was written from a buffer across two pages\n";
    char* text = boundary - 20;
    memcpy(text, line, sizeof line - 1);
    EXPECT_VALUE(raw_call(SYSCALL_WRITE, 1, text, sizeof line - 1), (long)(sizeof line - 1));
    /* copy_memory across the boundary, overlapping as memmove allows, and its size limit. */
    EXPECT_VALUE(raw_call(SYSCALL_COPY_MEMORY, text + 1, text, 32), 0);
    EXPECT_TRUE(memcmp(text + 1, line, 32) == 0);
    EXPECT_VALUE(raw_call(SYSCALL_COPY_MEMORY, NULL, NULL, 0), 0);
    EXPECT_ERROR(raw_call(SYSCALL_COPY_MEMORY, text, text, ABI_COPY_MEMORY_MAX + 1), EINVAL);
}

int main(int argc, char** argv) {
    if (argc > 1)
        return 0; /* started by a spawn that should have failed: do nothing */
    g_self = program_path(argv, "pointers");
    g_file = open(g_self, O_RDONLY);
    g_hole = make_hole();
    if (g_file < 0 || !g_hole) {
        expect_that(0, "setup: open %s gave %d, the heap hole is %p", g_self, g_file, g_hole);
        return finish_checks("pointers");
    }
    fflush(stdout); /* the checks below write to the console directly too */
    check_null_pointers();
    EXPECT_ERROR(raw_call(SYSCALL_THREAD_CREATE, KERNEL_CODE, 0), EFAULT);
    check_bad_address(KERNEL_START, "kernel address");
    check_bad_address(KERNEL_CODE, "kernel address");
    check_bad_address(LAST_PAGE, "kernel address");
    check_bad_address((uintptr_t)g_hole, "unmapped address");
    check_read_only_memory();
    check_crossing_into_hole();
    check_wrapping_and_huge_ranges();
    check_short_read_into_a_bad_range();
    check_long_names();
    check_legal_crossing();
    close(g_file);
    return finish_checks("pointers");
}

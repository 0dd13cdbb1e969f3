/* One random call: the number first (weighted, so that the calls with the most paths come
 * most), then arguments of the kinds that call takes, from values.c. Where the arguments decide
 * the outcome alone (a pointer that cannot be valid, a number that names no call, a handle this
 * thread has just taken out of the table), the result must be exactly that outcome; otherwise it
 * must be success or an error the call's contract lists (contract.c). */
#include "fuzz.h"
#include <unistd.h>

enum pointer_class { POINTER_GOOD, POINTER_BAD, POINTER_UNKNOWN };

/* Whether the kernel can write `size` bytes at `pointer`: the scratch buffer yes; null, low,
 * code, constants and anything reaching the kernel's half no; the rest depends on mappings. */
static enum pointer_class classify(struct fuzz_thread* thread, uint32_t pointer, uint32_t size) {
    uint32_t scratch = (uint32_t)thread->scratch;
    if (pointer >= scratch && size <= SCRATCH_SIZE && pointer - scratch <= SCRATCH_SIZE - size)
        return POINTER_GOOD;
    if (pointer < 0x1000 || pointer >= 0xC0000000u || size > 0xC0000000u - pointer)
        return size == 0 ? POINTER_UNKNOWN : POINTER_BAD;
    if (pointer >= 0x400000 && pointer < (uint32_t)&g_seed && size > 0)
        return POINTER_BAD; /* code and constants lie below the data */
    return POINTER_UNKNOWN;
}

static void expect_pointer(struct fuzz_thread* thread, uint32_t number, long result,
                           enum pointer_class class) {
    if (class == POINTER_BAD && result != -EFAULT)
        report_violation(thread, "%s through a bad pointer: got %ld, expected EFAULT",
                         call_name(number), result);
    if (class == POINTER_GOOD && result == -EFAULT)
        report_violation(thread, "%s through a good pointer: EFAULT", call_name(number));
}

/* A call whose only argument that can fail is a pointer the kernel writes `size` bytes to. */
static void pointer_call(struct fuzz_thread* thread, uint32_t number, uint32_t first, uint32_t size,
                         int pointer_position) {
    uint32_t pointer = pointer_to_write(thread, size);
    long result = pointer_position == 0 ? fuzz_call(number, pointer, 0, 0, 0, 0)
                                        : fuzz_call(number, first, pointer, 0, 0, 0);
    checked(thread, number, result);
    expect_pointer(thread, number, result, classify(thread, pointer, size));
}

static void remember_if_made(long result, enum handle_kind kind) {
    if (!is_error(result))
        handle_remember((int)result, kind);
}

static void call_close(struct fuzz_thread* thread) {
    int handle = random_one_in(&thread->random, 8) ? -1 : handle_claim_for_close(thread);
    if (handle >= 0) { /* taken out of the table by this thread: nobody else closes it */
        long result = checked(thread, SYSCALL_CLOSE, fuzz_call(SYSCALL_CLOSE, handle, 0, 0, 0, 0));
        EXPECT_ONE_OF(thread, "close of an open handle", result, 0);
        return;
    }
    uint32_t never = ABI_HANDLE_MAX + random_below(&thread->random, 100);
    long result = checked(thread, SYSCALL_CLOSE, fuzz_call(SYSCALL_CLOSE, never, 0, 0, 0, 0));
    EXPECT_ONE_OF(thread, "close of a handle never opened", result, -EBADF);
}

static void call_thread_create(struct fuzz_thread* thread) {
    static const uint32_t BAD_ENTRIES[] = {0, 0xFFF, 0xC0000000u, 0xC0100000u, 0xFFFFFFFFu};
    if (random_one_in(&thread->random, 4)) {
        uint32_t entry = BAD_ENTRIES[random_below(&thread->random, COUNT(BAD_ENTRIES))];
        long result = checked(thread, SYSCALL_THREAD_CREATE,
                              fuzz_call(SYSCALL_THREAD_CREATE, entry, 0, 0, 0, 0));
        EXPECT_ONE_OF(thread, "thread_create outside user space", result, -EFAULT);
        return;
    }
    /* The new thread makes one call on a public handle (maybe blocking), then exits. */
    struct raw_job* job = raw_job_lasting(random_below(&thread->random, RAW_OPERATIONS),
                                          handle_value(thread, KIND_NONE));
    long result = checked(
        thread, SYSCALL_THREAD_CREATE,
        fuzz_call(SYSCALL_THREAD_CREATE, (uint32_t)raw_thread_entry, (uint32_t)job, 0, 0, 0));
    remember_if_made(result, KIND_THREAD);
}

static void call_spawn(struct fuzz_thread* thread) {
    uint32_t path = path_value(thread);
    if (path == (uint32_t)g_program) /* would start a fuzzer of its own */
        path = (uint32_t) "/data/not-an-elf";
    uint32_t* vector = (uint32_t*)thread->scratch;
    uint32_t argv;
    switch (random_below(&thread->random, 4)) {
    case 0:
        argv = 0;
        break;
    case 1:
        argv = pointer_to_read(thread, 8);
        break;
    case 2: /* too many arguments */
        for (int i = 0; i < ABI_ARGUMENT_COUNT_MAX + 2; ++i)
            vector[i] = (uint32_t) "x";
        vector[ABI_ARGUMENT_COUNT_MAX + 2] = 0;
        argv = (uint32_t)vector;
        break;
    default:
        vector[0] = path;
        vector[1] = random_one_in(&thread->random, 2) ? 0 : pointer_to_read(thread, 4);
        vector[2] = 0;
        argv = (uint32_t)vector;
    }
    long result = checked(thread, SYSCALL_SPAWN, fuzz_call(SYSCALL_SPAWN, path, argv, 0, 0, 0));
    if (!is_error(result)) { /* a real program (/bin/hello): collect it */
        int status = 0;
        checked(thread, SYSCALL_WAIT,
                fuzz_call(SYSCALL_WAIT, (uint32_t)result, (uint32_t)&status, 0, 0, 0));
    }
}

static void call_wait(struct fuzz_thread* thread) {
    /* Never a valid wait for any child: a scenario's child belongs to its scenario. */
    static const uint32_t BAD_OPTIONS[] = {2, 0xFFFFFFFFu, 0x80000000u, 3};
    uint32_t pid = pid_value(thread);
    uint32_t options = BAD_OPTIONS[random_below(&thread->random, COUNT(BAD_OPTIONS))];
    if (pid != 0xFFFFFFFFu && random_one_in(&thread->random, 2))
        options = random_one_in(&thread->random, 2) ? ABI_WNOHANG : 0;
    uint32_t status = pointer_to_write(thread, 4);
    long result =
        checked(thread, SYSCALL_WAIT, fuzz_call(SYSCALL_WAIT, pid, status, options, 0, 0));
    if (options <= ABI_WNOHANG && (pid == 1 || pid == g_pid || pid == 99999))
        EXPECT_ONE_OF(thread, "wait for a process that is no child", result, -ECHILD, -EFAULT);
}

static void call_kill(struct fuzz_thread* thread) {
    static const uint32_t SIGNALS[] = {0, ABI_SIGKILL, ABI_SIGTERM, ABI_SIGINT, 64, 0xFFFFFFFFu};
    uint32_t pid = pid_value(thread);
    uint32_t signal = SIGNALS[random_below(&thread->random, COUNT(SIGNALS))];
    if (pid == g_pid && signal != 64 && signal != 0xFFFFFFFFu)
        signal = 0; /* only asks whether the caller exists */
    long result = checked(thread, SYSCALL_KILL, fuzz_call(SYSCALL_KILL, pid, signal, 0, 0, 0));
    if (pid == g_pid && signal == 0)
        EXPECT_ONE_OF(thread, "kill(self, 0)", result, 0);
    if (pid == 1 && signal != 64 && signal != 0xFFFFFFFFu && signal != 0)
        EXPECT_ONE_OF(thread, "kill of init", result, -EPERM);
}

static void call_brk(struct fuzz_thread* thread) {
    /* Never moves the break: the library's malloc owns it. */
    static const uint32_t ADDRESSES[] = {
        0, 1, 0x1000, 0x400000, 0x40000000u, 0x40001000u, 0xBFFFF000u, 0xC0000000u, 0xFFFFFFFFu};
    uint32_t address = ADDRESSES[random_below(&thread->random, COUNT(ADDRESSES))];
    long result = checked(thread, SYSCALL_BRK, fuzz_call(SYSCALL_BRK, address, 0, 0, 0, 0));
    if (address >= 0x40000000u && result != -ENOMEM && !is_error(result) &&
        (uint32_t)result >= 0x40000000u)
        report_violation(thread, "brk(%#x) moved the break to %#lx, past the heap's limit", address,
                         result);
}

static void call_mmap(struct fuzz_thread* thread) {
    static const uint32_t FLAGS[] = {ABI_MAP_SHARED, ABI_MAP_SHARED | ABI_MAP_FIXED, 0,
                                     ABI_MAP_FIXED, 0xFFu};
    static const uint32_t OFFSETS[] = {0, 0, 4096, 100, 0x10000000u, 0xFFFFF000u};
    struct abi_mmap_request* request = (struct abi_mmap_request*)(thread->scratch + 4096);
    uint32_t pages = 1 + random_below(&thread->random, 16);
    request->length = random_one_in(&thread->random, 8) ? length_value(thread) : pages * 4096;
    request->protection = random_below(&thread->random, 8);
    request->flags = FLAGS[random_below(&thread->random, COUNT(FLAGS))];
    request->address = random_one_in(&thread->random, 2)
                           ? 0
                           : (0x50000000u + random_below(&thread->random, 0x1000) * 4096 +
                              (random_one_in(&thread->random, 8) ? 12 : 0));
    request->handle = (int32_t)handle_value(thread, KIND_SHARED_MEMORY);
    request->offset = OFFSETS[random_below(&thread->random, COUNT(OFFSETS))];
    uint32_t pointer = random_one_in(&thread->random, 8) ? pointer_to_read(thread, sizeof *request)
                                                         : (uint32_t)request;
    uint32_t length = request->length;
    long result = checked(thread, SYSCALL_MMAP, fuzz_call(SYSCALL_MMAP, pointer, 0, 0, 0, 0));
    /* Only a mapping made from this request has a known size; one the kernel made from whatever
     * another pointer held is left to the process's end (a munmap of a guessed size could take
     * a thread's stack beside it). */
    if (!is_error(result) && pointer == (uint32_t)request && length > 0 && length <= 16 * 4096)
        mapping_remember((uint32_t)result | ((length + 4095) / 4096 - 1));
}

static void call_munmap(struct fuzz_thread* thread) {
    uint32_t mapping = mapping_value(thread);
    if (mapping != 0) { /* all of one mapping, or a piece of it (cutting it in two) */
        uint32_t pages = (mapping & 0xFFFu) + 1, address = mapping & ~0xFFFu;
        uint32_t first = random_below(&thread->random, pages);
        uint32_t count = random_one_in(&thread->random, 2) ? pages - first : 1;
        long result =
            checked(thread, SYSCALL_MUNMAP,
                    fuzz_call(SYSCALL_MUNMAP, address + first * 4096, count * 4096, 0, 0, 0));
        if (first > 0 || count < pages) /* the rest of it goes too */
            checked(thread, SYSCALL_MUNMAP,
                    fuzz_call(SYSCALL_MUNMAP, address, pages * 4096, 0, 0, 0));
        (void)result;
        return;
    }
    static const uint32_t ADDRESSES[] = {0x3F000000u, 0x3F000001u, 0xBFFFF000u, 0xC0000000u,
                                         0xFFFFF000u, 0x50000000u, 0x3F000800u};
    uint32_t address = ADDRESSES[random_below(&thread->random, COUNT(ADDRESSES))];
    uint32_t length =
        random_one_in(&thread->random, 3) ? 0 : 4096 * (1 + random_below(&thread->random, 3));
    if (address == 0xBFFFF000u)
        length = 0x2000; /* into the kernel's half */
    if (address == 0x50000000u)
        length = 4096; /* the window MAP_FIXED uses: a mapping there is the fuzzer's own */
    long result =
        checked(thread, SYSCALL_MUNMAP, fuzz_call(SYSCALL_MUNMAP, address, length, 0, 0, 0));
    if (length == 0 || address % 4096 != 0 || address >= 0xBFFFF000u)
        EXPECT_ONE_OF(thread, "munmap of a range that is never valid", result, -EINVAL);
}

static void call_read_or_write(struct fuzz_thread* thread, uint32_t number) {
    uint32_t handle = handle_value(thread, KIND_FILE);
    uint32_t count = length_value(thread);
    uint32_t buffer =
        number == SYSCALL_READ ? pointer_to_write(thread, count) : pointer_to_read(thread, count);
    if (handle == 1 || handle == 2) { /* the console: no bytes of noise in the log */
        buffer = random_one_in(&thread->random, 2) ? 0 : 0xC0000000u;
        count = random_one_in(&thread->random, 2) ? 0 : 1 + random_below(&thread->random, 100);
    }
    long result = checked(thread, number, fuzz_call(number, handle, buffer, count, 0, 0));
    if (handle >= ABI_HANDLE_MAX)
        EXPECT_ONE_OF(thread, "read or write of a handle never opened", result, -EBADF);
}

static void call_ftruncate(struct fuzz_thread* thread) {
    static const uint32_t SIZES[] = {0,      4096,   8192,       65536,       12345,
                                     100000, 262144, 0x1000001u, 0xFFFFFFFFu, 16u << 20};
    uint32_t size = SIZES[random_below(&thread->random, COUNT(SIZES))];
    if (size == 16u << 20 && !random_one_in(&thread->random, 8))
        size = 4096; /* the largest object is allowed, but rarely: 4096 frames */
    checked(thread, SYSCALL_FTRUNCATE,
            fuzz_call(SYSCALL_FTRUNCATE, handle_value(thread, KIND_SHARED_MEMORY), size, 0, 0, 0));
}

static void call_listing(struct fuzz_thread* thread, uint32_t number, uint32_t entry_size) {
    uint32_t capacity = random_one_in(&thread->random, 4) ? number_value(thread)
                                                          : random_below(&thread->random, 12);
    uint32_t bytes = capacity <= SCRATCH_SIZE / entry_size ? capacity * entry_size : 0xFFFFFFFFu;
    uint32_t buffer = pointer_to_write(thread, bytes); /* never the scratch buffer when too big */
    long result = checked(thread, number, fuzz_call(number, buffer, capacity, 0, 0, 0));
    if (capacity > 0 && capacity <= 64 && bytes != 0xFFFFFFFFu)
        expect_pointer(thread, number, result, classify(thread, buffer, bytes));
}

static void call_unknown(struct fuzz_thread* thread) {
    static const uint32_t NUMBERS[] = {0,           SYSCALL_COUNT, SYSCALL_COUNT + 1,     255,
                                       0x80000000u, 0xFFFFFFFFu,   0x100 + SYSCALL_GETPID};
    uint32_t number = NUMBERS[random_below(&thread->random, COUNT(NUMBERS))];
    long result = fuzz_call(number, number_value(thread), number_value(thread), 0, 0, 0);
    ++thread->calls;
    EXPECT_ONE_OF(thread, "a number that names no call", result, -ENOSYS);
}

static void call_self_check(struct fuzz_thread* thread) {
    long result = checked(thread, SYSCALL_SELF_CHECK, fuzz_call(SYSCALL_SELF_CHECK, 0, 0, 0, 0, 0));
    EXPECT_ONE_OF(thread, "self_check in the middle of the run", result, 0, -EPERM);
}

static void call_handles(struct fuzz_thread* thread, uint32_t number) {
    enum handle_kind kind = number <= SYSCALL_MUTEX_UNLOCK ? KIND_MUTEX : KIND_SEMAPHORE;
    uint32_t handle = handle_value(thread, kind);
    long result = checked(thread, number, fuzz_call(number, handle, 0, 0, 0, 0));
    if (handle == 1 || handle == 2)
        EXPECT_ONE_OF(thread, "a console handle given to a mutex or semaphore call", result,
                      -EINVAL);
    else if (handle >= ABI_HANDLE_MAX)
        EXPECT_ONE_OF(thread, "a handle never opened", result, -EBADF);
}

/* One call of `number`, arguments chosen for it. */
static void call_number(struct fuzz_thread* thread, uint32_t number) {
    struct random_stream* random = &thread->random;
    long result;
    switch (number) {
    case SYSCALL_SPAWN:
        call_spawn(thread);
        break;
    case SYSCALL_WAIT:
        call_wait(thread);
        break;
    case SYSCALL_KILL:
        call_kill(thread);
        break;
    case SYSCALL_GETPID:
        result = checked(thread, number, fuzz_call(number, 0, 0, 0, 0, 0));
        EXPECT_ONE_OF(thread, "getpid", result, (long)g_pid);
        break;
    case SYSCALL_GETTID:
        result = checked(thread, number, fuzz_call(number, 0, 0, 0, 0, 0));
        if (result <= 0)
            report_violation(thread, "gettid returned %ld", result);
        break;
    case SYSCALL_PROCESS_INFO:
        pointer_call(thread, number, random_one_in(random, 2) ? 0 : g_pid,
                     sizeof(struct abi_process_info), 1);
        break;
    case SYSCALL_PROCESS_LIST:
        call_listing(thread, number, sizeof(struct abi_process_info));
        break;
    case SYSCALL_THREAD_LIST:
        call_listing(thread, number, sizeof(struct abi_thread_info));
        break;
    case SYSCALL_THREAD_CREATE:
        call_thread_create(thread);
        break;
    case SYSCALL_THREAD_JOIN:
        checked(thread, number,
                fuzz_call(number, handle_value(thread, KIND_THREAD), pointer_to_write(thread, 4), 0,
                          0, 0));
        break;
    case SYSCALL_YIELD:
    case SYSCALL_SLEEP_MS:
        result = checked(thread, number, fuzz_call(number, random_below(random, 3), 0, 0, 0, 0));
        EXPECT_ONE_OF(thread, call_name(number), result, 0);
        break;
    case SYSCALL_UPTIME_MS:
    case SYSCALL_READ_CYCLES:
    case SYSCALL_SYSTEM_INFO:
        pointer_call(thread, number, 0,
                     number == SYSCALL_SYSTEM_INFO ? sizeof(struct abi_system_info) : 8, 0);
        break;
    case SYSCALL_CLOCK_GETTIME: {
        uint32_t clock = random_one_in(random, 4) ? number_value(thread) : random_below(random, 4);
        uint32_t pointer = pointer_to_write(thread, sizeof(struct abi_timespec));
        result = checked(thread, number, fuzz_call(number, clock, pointer, 0, 0, 0));
        if (clock < 4)
            expect_pointer(thread, number, result,
                           classify(thread, pointer, sizeof(struct abi_timespec)));
        break;
    }
    case SYSCALL_WRITE:
    case SYSCALL_READ:
        call_read_or_write(thread, number);
        break;
    case SYSCALL_OPEN:
        result = checked(thread, number,
                         fuzz_call(number, path_value(thread), open_flags_value(thread), 0, 0, 0));
        remember_if_made(result, KIND_FILE);
        break;
    case SYSCALL_CLOSE:
        call_close(thread);
        break;
    case SYSCALL_STAT:
        checked(thread, number,
                fuzz_call(number, path_value(thread), pointer_to_write(thread, 8), 0, 0, 0));
        break;
    case SYSCALL_BRK:
        call_brk(thread);
        break;
    case SYSCALL_MMAP:
        call_mmap(thread);
        break;
    case SYSCALL_MUNMAP:
        call_munmap(thread);
        break;
    case SYSCALL_MUTEX_CREATE:
        remember_if_made(checked(thread, number, fuzz_call(number, 0, 0, 0, 0, 0)), KIND_MUTEX);
        break;
    case SYSCALL_SEMAPHORE_CREATE:
        result = checked(thread, number, fuzz_call(number, number_value(thread), 0, 0, 0, 0));
        remember_if_made(result, KIND_SEMAPHORE);
        break;
    case SYSCALL_MUTEX_LOCK:
    case SYSCALL_MUTEX_TRYLOCK:
    case SYSCALL_MUTEX_UNLOCK:
    case SYSCALL_SEMAPHORE_WAIT:
    case SYSCALL_SEMAPHORE_TRYWAIT:
    case SYSCALL_SEMAPHORE_POST:
    case SYSCALL_SEMAPHORE_GETVALUE:
        call_handles(thread, number);
        break;
    case SYSCALL_SEMAPHORE_OPEN:
        result = checked(thread, number,
                         fuzz_call(number, object_name_value(thread), open_flags_value(thread),
                                   random_one_in(random, 4) ? number_value(thread) : 1, 0, 0));
        remember_if_made(result, KIND_SEMAPHORE);
        break;
    case SYSCALL_SHM_OPEN:
        result = checked(
            thread, number,
            fuzz_call(number, object_name_value(thread), open_flags_value(thread), 0, 0, 0));
        remember_if_made(result, KIND_SHARED_MEMORY);
        break;
    case SYSCALL_SEMAPHORE_UNLINK:
    case SYSCALL_SHM_UNLINK:
        checked(thread, number, fuzz_call(number, object_name_value(thread), 0, 0, 0, 0));
        break;
    case SYSCALL_FTRUNCATE:
        call_ftruncate(thread);
        break;
    case SYSCALL_CONSOLE_SET_FOREGROUND:
        checked(thread, number, fuzz_call(number, pid_value(thread), 0, 0, 0, 0));
        break;
    case SYSCALL_COPY_MEMORY: {
        uint32_t count =
            random_one_in(random, 2) ? random_below(random, 300) : length_value(thread);
        uint32_t destination = pointer_to_write(thread, count);
        uint32_t source = pointer_to_read(thread, count);
        result = checked(thread, number, fuzz_call(number, destination, source, count, 0, 0));
        if (count <= ABI_COPY_MEMORY_MAX && classify(thread, destination, count) == POINTER_BAD)
            EXPECT_ONE_OF(thread, "copy_memory to a bad destination", result, -EFAULT);
        if (count > ABI_COPY_MEMORY_MAX && result == 0)
            report_violation(thread, "copy_memory of %u bytes succeeded", count);
        break;
    }
    case SYSCALL_SELF_CHECK:
        call_self_check(thread);
        break;
    default:
        call_unknown(thread);
        break;
    }
}

/* How often each call comes, out of the sum. The calls that block or build state come often,
 * the expensive or noisy ones (spawn, self_check) rarely. 0: never at random (exit,
 * thread_exit, set_thread_pointer would end the fuzzer or take its thread pointer away). */
static const uint8_t WEIGHTS[SYSCALL_COUNT] = {
    [SYSCALL_SPAWN] = 2,
    [SYSCALL_WAIT] = 3,
    [SYSCALL_KILL] = 3,
    [SYSCALL_GETPID] = 2,
    [SYSCALL_GETTID] = 2,
    [SYSCALL_PROCESS_INFO] = 3,
    [SYSCALL_PROCESS_LIST] = 3,
    [SYSCALL_THREAD_LIST] = 3,
    [SYSCALL_THREAD_CREATE] = 6,
    [SYSCALL_THREAD_JOIN] = 6,
    [SYSCALL_YIELD] = 3,
    [SYSCALL_SLEEP_MS] = 3,
    [SYSCALL_UPTIME_MS] = 2,
    [SYSCALL_READ_CYCLES] = 2,
    [SYSCALL_CLOCK_GETTIME] = 3,
    [SYSCALL_WRITE] = 5,
    [SYSCALL_READ] = 5,
    [SYSCALL_OPEN] = 6,
    [SYSCALL_CLOSE] = 16,
    [SYSCALL_STAT] = 4,
    [SYSCALL_BRK] = 2,
    [SYSCALL_MMAP] = 8,
    [SYSCALL_MUNMAP] = 6,
    [SYSCALL_MUTEX_CREATE] = 8,
    [SYSCALL_MUTEX_LOCK] = 8,
    [SYSCALL_MUTEX_TRYLOCK] = 5,
    [SYSCALL_MUTEX_UNLOCK] = 8,
    [SYSCALL_SEMAPHORE_CREATE] = 8,
    [SYSCALL_SEMAPHORE_WAIT] = 8,
    [SYSCALL_SEMAPHORE_TRYWAIT] = 4,
    [SYSCALL_SEMAPHORE_POST] = 8,
    [SYSCALL_SEMAPHORE_GETVALUE] = 3,
    [SYSCALL_SEMAPHORE_OPEN] = 5,
    [SYSCALL_SEMAPHORE_UNLINK] = 3,
    [SYSCALL_SHM_OPEN] = 5,
    [SYSCALL_SHM_UNLINK] = 3,
    [SYSCALL_FTRUNCATE] = 4,
    [SYSCALL_CONSOLE_SET_FOREGROUND] = 1,
    [SYSCALL_SYSTEM_INFO] = 2,
    [SYSCALL_COPY_MEMORY] = 5,
    [SYSCALL_SELF_CHECK] = 1,
};

static uint32_t weight_total(void) {
    uint32_t total = 4; /* numbers that name no call */
    for (int number = 0; number < SYSCALL_COUNT; ++number)
        total += WEIGHTS[number];
    return total;
}

void fuzz_one(struct fuzz_thread* thread) {
    static uint32_t total;
    if (total == 0)
        total = weight_total();
    if (random_one_in(&thread->random, 60)) {
        scenario_run(thread);
        return;
    }
    uint32_t pick = random_below(&thread->random, total);
    for (uint32_t number = 0; number < SYSCALL_COUNT; ++number) {
        if (pick < WEIGHTS[number]) {
            call_number(thread, number);
            return;
        }
        pick -= WEIGHTS[number];
    }
    call_unknown(thread);
}

// The system-call dispatcher: one table from call number to function. The registers of the
// caller (arch::InterruptFrame) hold the number in eax and the arguments in ebx, ecx, edx, esi,
// edi; each table entry says which of them its function takes. The result goes back in eax:
// the value, or the negated error number.
#include "arch/cpu.h"
#include "arch/idt.h"
#include "arch/interrupts.h"
#include "kernel/debug/panic.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/call_log.h"
#include "kernel/syscall/calls.h"
#include "kernel/syscall/contract.h"
#include "kernel/syscall/errors.h"
#include "kernel/syscall/system_call.h"
#include "libk/abi/system_calls.h"

namespace system_call {
namespace {

// The five argument registers, in order.
struct Arguments {
    uint32_t value[5];
};

struct Entry {
    abi_system_call number;
    Result (*call)(const Arguments& arguments);
};

// clang-format off
constexpr Entry ENTRIES[] = {
    {SYSCALL_EXIT, [](const Arguments& a) { return exit(a.value[0]); }},
    {SYSCALL_SPAWN, [](const Arguments& a) { return spawn(a.value[0], a.value[1]); }},
    {SYSCALL_WAIT, [](const Arguments& a) { return wait(a.value[0], a.value[1], a.value[2]); }},
    {SYSCALL_KILL, [](const Arguments& a) { return kill(a.value[0], a.value[1]); }},
    {SYSCALL_GETPID, [](const Arguments&) { return getpid(); }},
    {SYSCALL_GETTID, [](const Arguments&) { return gettid(); }},
    {SYSCALL_PROCESS_INFO, [](const Arguments& a) { return process_info(a.value[0], a.value[1]); }},
    {SYSCALL_PROCESS_LIST, [](const Arguments& a) { return process_list(a.value[0], a.value[1]); }},
    {SYSCALL_THREAD_LIST, [](const Arguments& a) { return thread_list(a.value[0], a.value[1]); }},
    {SYSCALL_THREAD_CREATE, [](const Arguments& a) { return thread_create(a.value[0], a.value[1]); }},
    {SYSCALL_THREAD_EXIT, [](const Arguments& a) { return thread_exit(a.value[0]); }},
    {SYSCALL_THREAD_JOIN, [](const Arguments& a) { return thread_join(a.value[0], a.value[1]); }},
    {SYSCALL_SET_THREAD_POINTER, [](const Arguments& a) { return set_thread_pointer(a.value[0]); }},
    {SYSCALL_YIELD, [](const Arguments&) { return yield(); }},
    {SYSCALL_SLEEP_MS, [](const Arguments& a) { return sleep_ms(a.value[0]); }},
    {SYSCALL_UPTIME_MS, [](const Arguments& a) { return uptime_ms(a.value[0]); }},
    {SYSCALL_READ_CYCLES, [](const Arguments& a) { return read_cycles(a.value[0]); }},
    {SYSCALL_CLOCK_GETTIME, [](const Arguments& a) { return clock_gettime(a.value[0], a.value[1]); }},
    {SYSCALL_WRITE, [](const Arguments& a) { return write(a.value[0], a.value[1], a.value[2]); }},
    {SYSCALL_READ, [](const Arguments& a) { return read(a.value[0], a.value[1], a.value[2]); }},
    {SYSCALL_OPEN, [](const Arguments& a) { return open(a.value[0], a.value[1]); }},
    {SYSCALL_CLOSE, [](const Arguments& a) { return close(a.value[0]); }},
    {SYSCALL_STAT, [](const Arguments& a) { return stat(a.value[0], a.value[1]); }},
    {SYSCALL_BRK, [](const Arguments& a) { return brk(a.value[0]); }},
    {SYSCALL_MMAP, [](const Arguments& a) { return mmap(a.value[0]); }},
    {SYSCALL_MUNMAP, [](const Arguments& a) { return munmap(a.value[0], a.value[1]); }},
    {SYSCALL_MUTEX_CREATE, [](const Arguments&) { return mutex_create(); }},
    {SYSCALL_MUTEX_LOCK, [](const Arguments& a) { return mutex_lock(a.value[0]); }},
    {SYSCALL_MUTEX_TRYLOCK, [](const Arguments& a) { return mutex_trylock(a.value[0]); }},
    {SYSCALL_MUTEX_UNLOCK, [](const Arguments& a) { return mutex_unlock(a.value[0]); }},
    {SYSCALL_SEMAPHORE_CREATE, [](const Arguments& a) { return semaphore_create(a.value[0]); }},
    {SYSCALL_SEMAPHORE_WAIT, [](const Arguments& a) { return semaphore_wait(a.value[0]); }},
    {SYSCALL_SEMAPHORE_TRYWAIT, [](const Arguments& a) { return semaphore_trywait(a.value[0]); }},
    {SYSCALL_SEMAPHORE_POST, [](const Arguments& a) { return semaphore_post(a.value[0]); }},
    {SYSCALL_SEMAPHORE_GETVALUE, [](const Arguments& a) { return semaphore_getvalue(a.value[0]); }},
    {SYSCALL_SEMAPHORE_OPEN, [](const Arguments& a) { return semaphore_open(a.value[0], a.value[1], a.value[2]); }},
    {SYSCALL_SEMAPHORE_UNLINK, [](const Arguments& a) { return semaphore_unlink(a.value[0]); }},
    {SYSCALL_SHM_OPEN, [](const Arguments& a) { return shm_open(a.value[0], a.value[1]); }},
    {SYSCALL_SHM_UNLINK, [](const Arguments& a) { return shm_unlink(a.value[0]); }},
    {SYSCALL_FTRUNCATE, [](const Arguments& a) { return ftruncate(a.value[0], a.value[1]); }},
    {SYSCALL_CONSOLE_SET_FOREGROUND, [](const Arguments& a) { return console_set_foreground(a.value[0]); }},
    {SYSCALL_SYSTEM_INFO, [](const Arguments& a) { return system_info(a.value[0]); }},
    {SYSCALL_COPY_MEMORY, [](const Arguments& a) { return copy_memory(a.value[0], a.value[1], a.value[2]); }},
    {SYSCALL_SELF_CHECK, [](const Arguments&) { return self_check(); }},
};
// clang-format on
static_assert(sizeof ENTRIES / sizeof ENTRIES[0] == SYSCALL_COUNT - 1, "one entry per call");

// Indexed by call number; filled from ENTRIES at boot (0 stays empty).
Result (*g_table[SYSCALL_COUNT])(const Arguments& arguments);

void on_system_call(arch::InterruptFrame& frame) {
    // The gate turned interrupts off; a system call is ordinary preemptible kernel work.
    arch::enable_interrupts();
    Arguments arguments{{frame.ebx, frame.ecx, frame.edx, frame.esi, frame.edi}};
    uint32_t number = frame.eax;
    uint32_t sequence = call_log::begin(number, arguments.value);
    Result result = number < SYSCALL_COUNT && g_table[number] != nullptr
                        ? g_table[number](arguments)
                        : Result(libk::Error::NoSuchSystemCall);
    if (!result.is_error()) {
        frame.eax = result.value();
    } else {
        int error = error_number(result.error());
        contract::check_error(number, error);
        frame.eax = static_cast<uint32_t>(-error);
    }
    call_log::finish(sequence, frame.eax);
}

} // namespace

Process& current_process() {
    return *scheduler::current().process();
}

libk::ErrorOr<void> copy_string(char* destination, uint32_t user_address, size_t capacity) {
    TRY(current_process().copy_string_from_user(destination, user_address, capacity));
    return {};
}

void initialize() {
    for (const Entry& entry : ENTRIES) {
        VERIFY(g_table[entry.number] == nullptr); // each number once
        g_table[entry.number] = entry.call;
    }
    call_log::initialize();
    arch::interrupts::set_handler(arch::SYSTEM_CALL_VECTOR, on_system_call);
}

} // namespace system_call

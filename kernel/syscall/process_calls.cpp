// Processes: exit, spawn, wait, kill, getpid, gettid, console_set_foreground
// (libk/abi/system_calls.h has the contract of each).
#include "kernel/proc/console_input.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/syscall/calls.h"
#include "libk/abi/types.h"
#include "libk/new.h"

namespace system_call {
namespace {

// argv (a NULL-terminated array of string pointers in user memory) into `arguments`; NULL argv
// gives the path as the only argument.
libk::ErrorOr<void> copy_arguments(Process& process, uint32_t argv, const char* path,
                                   ProgramArguments& arguments) {
    if (argv == 0)
        return arguments.add(path);
    for (uint32_t index = 0;; ++index) {
        uint32_t pointer;
        uint32_t slot = argv + index * 4;
        if (slot < argv)
            return libk::Error::BadAddress; // the array wraps around
        TRY(process.copy_from_user(&pointer, slot, sizeof pointer));
        if (pointer == 0)
            return {};
        if (index == ProgramArguments::COUNT_MAX)
            return libk::Error::ArgumentsTooLong;
        libk::ErrorOr<size_t> length =
            process.copy_string_from_user(arguments.tail(), pointer, arguments.room());
        if (length.is_error())
            return length.error() == libk::Error::TooLong ? libk::Error::ArgumentsTooLong
                                                          : length.error();
        TRY(arguments.commit(length.value()));
    }
}

bool is_known_signal(uint32_t signal) {
    switch (signal) {
    case 0:
    case ABI_SIGINT:
    case ABI_SIGILL:
    case ABI_SIGTRAP:
    case ABI_SIGABRT:
    case ABI_SIGFPE:
    case ABI_SIGKILL:
    case ABI_SIGSEGV:
    case ABI_SIGTERM:
        return true;
    default:
        return false;
    }
}

} // namespace

Result exit(uint32_t status) {
    InterruptGuard guard;
    // The calling thread ends on its way out of this call (lifecycle::on_return_to_user).
    lifecycle::end_process(current_process(), ABI_WAIT_EXITED(status & 0xFF));
    return 0;
}

Result spawn(uint32_t path_address, uint32_t argv) {
    Process& process = current_process();
    char path[ABI_PATH_MAX];
    TRY(copy_string(path, path_address, sizeof path));
    auto* arguments = new (std::nothrow) ProgramArguments;
    if (arguments == nullptr)
        return libk::Error::OutOfMemory;
    libk::ErrorOr<void> copied = copy_arguments(process, argv, path, *arguments);
    libk::ErrorOr<ProcessId> child = copied.is_error()
                                         ? libk::ErrorOr<ProcessId>(copied.error())
                                         : process_spawn::spawn(process, path, *arguments);
    delete arguments;
    return child;
}

Result wait(uint32_t pid, uint32_t status_address, uint32_t options) {
    auto wanted = static_cast<int32_t>(pid);
    if ((options & ~uint32_t(ABI_WNOHANG)) != 0 || wanted < -1 || wanted == 0)
        return libk::Error::InvalidArgument;
    Process& process = current_process();
    if (status_address != 0)
        TRY(process.check_user_range(status_address, sizeof(int32_t),
                                     memory::AddressSpace::Access::Write));
    int32_t status = 0;
    ProcessId child =
        TRY(lifecycle::wait_for_child(process, wanted, (options & ABI_WNOHANG) != 0, status));
    // The child is collected now; if another thread unmapped the word meanwhile, the status is
    // lost, as on Linux.
    if (child != 0 && status_address != 0)
        (void)process.copy_to_user(status_address, &status, sizeof status);
    return child;
}

Result kill(uint32_t pid, uint32_t signal) {
    if (!is_known_signal(signal))
        return libk::Error::InvalidArgument;
    if (static_cast<int32_t>(pid) < 0)
        return libk::Error::NoSuchProcess;
    InterruptGuard guard;
    Process* target = process_table::find(pid);
    if (target == nullptr)
        return libk::Error::NoSuchProcess;
    if (target->is_kernel() || target == process_table::init_process())
        return libk::Error::NotPermitted;
    if (signal != 0)
        lifecycle::end_process(*target, ABI_WAIT_SIGNALED(signal));
    return 0;
}

Result getpid() {
    return current_process().id();
}

Result gettid() {
    return this_thread::id();
}

Result console_set_foreground(uint32_t pid) {
    if (pid != 0) {
        InterruptGuard guard;
        Process* process = process_table::find(pid);
        if (process == nullptr || process->is_kernel())
            return libk::Error::NoSuchProcess;
        // Ctrl-C ends the foreground process, and nothing a program does may end init.
        if (process == process_table::init_process())
            return libk::Error::NotPermitted;
    }
    console_input::set_foreground(pid);
    return 0;
}

} // namespace system_call

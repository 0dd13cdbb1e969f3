// See boot.h.
#include "kernel/proc/boot.h"
#include "arch/emulator.h"
#include "arch/fpu.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/console/console.h"
#include "kernel/debug/log.h"
#include "kernel/memory/allocation_failure.h"
#include "kernel/proc/console_input.h"
#include "kernel/proc/initrd.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/reaper.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/user_fault.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/syscall/system_call.h"
#include "kernel/time/wall_clock.h"
#include "kernel/trace/trace.h"
#include "libk/abi/types.h"
#include "libk/format.h"
#include "libk/new.h"
#include "libk/string.h"

namespace process_boot {
namespace {

constexpr char INIT_PATH[] = "/bin/init";
// Where a program named without a '/' is looked for, as init and the shell do.
constexpr const char* PROGRAM_FOLDERS[] = {"/bin/", "/demos/", "/tests/"};

// The text after "run=", when a word of the command line starts with it.
const char* run_request() {
    const char* word = command_line::text();
    while (*word) {
        while (*word == ' ')
            ++word;
        if (libk::starts_with(word, "run="))
            return word + 4;
        while (*word && *word != ' ')
            ++word;
    }
    return nullptr;
}

// Adds the words of `text` (separated by spaces) to `arguments`.
libk::ErrorOr<void> add_words(ProgramArguments& arguments, const char* text) {
    char word[ABI_PATH_MAX];
    while (*text) {
        while (*text == ' ')
            ++text;
        size_t length = 0;
        while (text[length] && text[length] != ' ')
            ++length;
        if (length == 0)
            break;
        if (length >= sizeof word)
            return libk::Error::ArgumentsTooLong;
        memcpy(word, text, length);
        word[length] = '\0';
        TRY(arguments.add(word));
        text += length;
    }
    return {};
}

// "/tests/library" for "library" when that is where it is; the name itself otherwise.
void resolve(const char* name, char* path, size_t size) {
    libk::copy_string(path, name, size);
    if (strchr(name, '/') != nullptr)
        return;
    for (const char* folder : PROGRAM_FOLDERS) {
        libk::format_buffer(path, size, "%s%s", folder, name);
        if (!initrd::find(path).is_error())
            return;
    }
    libk::copy_string(path, name, size);
}

// What to start: init with the run= words, or the run= program alone when there is no init.
libk::ErrorOr<ProcessId> start(ProgramArguments& arguments) {
    const char* request = run_request();
    char path[ABI_PATH_MAX];
    if (!initrd::find(INIT_PATH).is_error()) {
        libk::copy_string(path, INIT_PATH, sizeof path);
        TRY(arguments.add(INIT_PATH));
    } else if (request != nullptr) {
        log::info("init", "no %s in the initrd: running the program itself", INIT_PATH);
    } else {
        return libk::Error::NoSuchFile;
    }
    if (request != nullptr)
        TRY(add_words(arguments, request));
    if (arguments.count() == 0 || strcmp(arguments.at(0), INIT_PATH) != 0)
        resolve(arguments.at(0), path, sizeof path);
    ProcessId pid = TRY(process_spawn::spawn(kernel_process(), path, arguments));
    InterruptGuard guard;
    process_table::set_init_process(process_table::find(pid));
    return pid;
}

void report(ProcessId pid, int32_t status) {
    char test_name[64];
    trace::finish(); // the first process ended: whatever the trace still holds goes out now
    bool passed = (status & 0x7F) == 0 && ((status >> 8) & 0xFF) == 0;
    if (command_line::find("test-exit", test_name, sizeof test_name)) {
        if (passed)
            console::print("TEST PASS %s\n", test_name);
        else
            console::print("TEST FAIL %s: the first process ended with wait status %#x\n",
                           test_name, static_cast<unsigned>(status));
        arch::exit_emulator(passed ? arch::EmulatorExit::Success : arch::EmulatorExit::Failure);
    }
    // The first process is init (or the run= program when there is no init): once it has ended
    // nothing starts programs or collects orphans any more, so say so plainly.
    if ((status & 0x7F) == 0)
        log::info("init", "the first process (pid %u) exited with status %d", pid,
                  (status >> 8) & 0xFF);
    else
        log::error("init", "the first process (pid %u) was killed by signal %d", pid,
                   status & 0x7F);
}

} // namespace

void initialize() {
    arch::initialize_fpu();
    wall_clock::initialize();
    initialize_user_threads();
    user_fault::initialize();
    system_call::initialize();
    reaper::initialize();
    console_input::initialize();
    initrd::initialize();
}

void run_first_process() {
    memory::allocation_failure::arm_from_command_line(); // counted from here on
    auto* arguments = new (std::nothrow) ProgramArguments;
    libk::ErrorOr<ProcessId> pid =
        arguments ? start(*arguments) : libk::ErrorOr<ProcessId>(libk::Error::OutOfMemory);
    delete arguments;
    if (pid.is_error()) {
        log::error("init", "cannot start the first process: %s",
                   libk::error_description(pid.error()));
        report(0, ABI_WAIT_EXITED(127));
        return;
    }
    int32_t status = 0;
    libk::ErrorOr<ProcessId> ended =
        lifecycle::wait_for_child(kernel_process(), pid.value(), false, status);
    if (!ended.is_error())
        report(pid.value(), status);
}

} // namespace process_boot

// See user_suite.h. The program's exit status says how it went: 0 every benchmark ran, 1 one
// could not, 2 none was selected (user/bench/suite/main.c).
#include "kernel/bench/user_suite.h"
#include "kernel/console/console.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/spawn.h"
#include "libk/abi/types.h"
#include "libk/format.h"
#include "libk/new.h"

namespace bench {
namespace {

constexpr char SUITE_PATH[] = "/bench/suite";
constexpr int32_t EXIT_NONE_SELECTED = 2;

libk::ErrorOr<ProcessId> start_suite(const char* selection, uint32_t samples) {
    // ProgramArguments holds its strings inline: too large for a kernel stack.
    auto* arguments = new (std::nothrow) ProgramArguments;
    if (arguments == nullptr)
        return libk::Error::OutOfMemory;
    char samples_text[12];
    libk::format_buffer(samples_text, sizeof samples_text, "%u", samples);
    libk::ErrorOr<void> added = arguments->add(SUITE_PATH);
    if (!added.is_error())
        added = arguments->add(selection);
    if (!added.is_error())
        added = arguments->add(samples_text);
    libk::ErrorOr<ProcessId> pid =
        added.is_error() ? libk::ErrorOr<ProcessId>(added.error())
                         : process_spawn::spawn(kernel_process(), SUITE_PATH, *arguments);
    delete arguments;
    return pid;
}

} // namespace

SuiteOutcome run_user_suite(const char* selection, uint32_t samples) {
    libk::ErrorOr<ProcessId> pid = start_suite(selection, samples);
    if (pid.is_error()) {
        if (pid.error() == libk::Error::NoSuchFile)
            return SuiteOutcome::Missing;
        console::print("bench: cannot start %s: %s\n", SUITE_PATH,
                       libk::error_description(pid.error()));
        return SuiteOutcome::SomeFailed;
    }
    int32_t status = 0;
    libk::ErrorOr<ProcessId> waited = lifecycle::wait_for_child(
        kernel_process(), static_cast<int32_t>(pid.value()), false, status);
    if (waited.is_error()) {
        console::print("bench: waiting for %s failed: %s\n", SUITE_PATH,
                       libk::error_description(waited.error()));
        return SuiteOutcome::SomeFailed;
    }
    if (status == ABI_WAIT_EXITED(0))
        return SuiteOutcome::AllRan;
    if (status == ABI_WAIT_EXITED(EXIT_NONE_SELECTED))
        return SuiteOutcome::NoneSelected;
    console::print("bench: %s ended with wait status %#x\n", SUITE_PATH,
                   static_cast<unsigned>(status));
    return SuiteOutcome::SomeFailed;
}

const char* to_string(SuiteOutcome outcome) {
    switch (outcome) {
    case SuiteOutcome::AllRan:
        return "ran";
    case SuiteOutcome::SomeFailed:
        return "failed";
    case SuiteOutcome::NoneSelected:
        return "none-selected";
    case SuiteOutcome::Missing:
        return "not-in-initrd";
    }
    return "?";
}

} // namespace bench

// See user_fault.h.
#include "kernel/proc/user_fault.h"
#include "arch/cpu.h"
#include "arch/exceptions.h"
#include "kernel/console/console.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/elf_symbols.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/user_layout.h"
#include "kernel/proc/user_thread.h"
#include "libk/abi/types.h"
#include "libk/format.h"

namespace user_fault {
namespace {

// Exception vectors (Intel SDM vol. 3, table 6-1) that have a signal other than SIGSEGV.
constexpr uint32_t DIVIDE_ERROR = 0;
constexpr uint32_t DEBUG = 1;
constexpr uint32_t BREAKPOINT = 3;
constexpr uint32_t INVALID_OPCODE = 6;
constexpr uint32_t PAGE_FAULT = 14;
constexpr uint32_t X87_ERROR = 16;
constexpr uint32_t SIMD_ERROR = 19;

// Page-fault error code bits (SDM 4.7).
constexpr uint32_t PAGE_FAULT_WRITE = 1u << 1;
constexpr uint32_t PAGE_FAULT_INSTRUCTION_FETCH = 1u << 4;

const char* page_fault_access(uint32_t error_code) {
    if (error_code & PAGE_FAULT_INSTRUCTION_FETCH)
        return "executing";
    return (error_code & PAGE_FAULT_WRITE) ? "writing" : "reading";
}

// True when `address` lies in the guard page below the faulting thread's own stack.
bool hits_stack_guard(const UserThread& thread, uint32_t address) {
    uintptr_t guard =
        thread.stack_region() != 0 ? thread.stack_region() : user_layout::MAIN_STACK_GUARD;
    return address >= guard && address - guard < memory::PAGE_SIZE;
}

void on_user_fault(arch::InterruptFrame& frame) {
    UserThread* thread = current_user_thread();
    VERIFY(thread != nullptr); // only user threads run in ring 3
    Process& process = thread->process();
    uint32_t address = frame.vector == PAGE_FAULT ? arch::read_cr2() : 0;
    bool overflow = frame.vector == PAGE_FAULT && hits_stack_guard(*thread, address);
    // Only the fault that decides the end is reported: when the process is ending anyway (a
    // kill, or exit in another thread), the fault changes nothing.
    if (!lifecycle::end_process(process, ABI_WAIT_SIGNALED(signal_for(frame.vector))))
        return;
    char report[192];
    describe(report, sizeof report, frame, address, process.name(), process.id(), process.image(),
             process.image_size(), overflow);
    console::print("%s\n", report);
}

} // namespace

void initialize() {
    arch::set_user_fault_handler(on_user_fault);
}

int signal_for(uint32_t vector) {
    switch (vector) {
    case DIVIDE_ERROR:
    case X87_ERROR:
    case SIMD_ERROR:
        return ABI_SIGFPE;
    case INVALID_OPCODE:
        return ABI_SIGILL;
    case DEBUG:
    case BREAKPOINT:
        return ABI_SIGTRAP;
    default:
        return ABI_SIGSEGV; // page faults, general protection (cli, hlt, in, out), ...
    }
}

void describe(char* buffer, size_t size, const arch::InterruptFrame& frame, uint32_t fault_address,
              const char* process_name, uint32_t pid, const uint8_t* image, size_t image_size,
              bool stack_overflow) {
    char what[64];
    if (frame.vector == PAGE_FAULT)
        libk::format_buffer(what, sizeof what, "page fault %s 0x%08x",
                            page_fault_access(frame.error_code), fault_address);
    else
        libk::format_buffer(what, sizeof what, "%s", arch::exception_name(frame.vector));
    char where[64] = "??";
    elf::FunctionLocation function;
    if (image != nullptr && elf::find_function(image, image_size, frame.eip, function))
        libk::format_buffer(where, sizeof where, "%.*s+%#x", static_cast<int>(function.name_length),
                            function.name, function.offset);
    libk::format_buffer(buffer, size, "%s[%u]: killed: %s at eip 0x%08x (%s)%s", process_name, pid,
                        what, frame.eip, where, stack_overflow ? ": stack overflow" : "");
}

} // namespace user_fault

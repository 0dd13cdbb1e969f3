// kernel_main: the one C++ entry point. boot/higher_half_entry.asm calls it in the higher half
// with the boot page directory active, interrupts off, and a 16 KiB boot stack. It brings the
// kernel up in dependency order, then runs what the command line asks for: a kernel test
// (test=), the benchmarks (bench=), or the first process, /bin/init (run= names its program).
// Break here in gdb: `break kernel_main`.
#include "arch/cpu.h"
#include "arch/firmware_config.h"
#include "arch/gdt.h"
#include "arch/idt.h"
#include "arch/pic.h"
#include "arch/supervisor_protection.h"
#include "kernel/bench/bench.h"
#include "kernel/boot_info/boot_info.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/console/console.h"
#include "kernel/debug/log.h"
#include "kernel/debug/panic.h"
#include "kernel/debug/symbols.h"
#include "kernel/memory/memory.h"
#include "kernel/proc/boot.h"
#include "kernel/runtime/cxx_runtime.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/testing/kernel_test.h"
#include "kernel/time/clock.h"
#include "kernel/trace/trace.h"

namespace {

// SMEP and SMAP go on before the interrupts: from the first interrupt on, its entry must know
// whether to close the user-memory window (arch/supervisor_protection.h).
void protect_user_memory_from_the_kernel() {
    arch::SupervisorProtection active = arch::enable_supervisor_protection();
    log::info("cpu", "SMEP %s",
              active.smep ? "on: the kernel cannot execute user pages"
                          : "off: this CPU does not have it");
    log::info("cpu", "SMAP %s",
              active.smap ? "on: the kernel reaches user memory only by copies"
                          : "off: this CPU does not have it");
}

// The CPU's tables, the interrupt controller and the timer; interrupts go on at the end.
void initialize_processor() {
    arch::initialize_gdt();
    arch::initialize_idt();
    log::info("cpu", "GDT, TSS and IDT loaded; double faults run as their own task");
    protect_user_memory_from_the_kernel();
    arch::pic::initialize();
    clock::initialize(
        command_line::number("hz", clock::DEFAULT_HZ, clock::MINIMUM_HZ, clock::MAXIMUM_HZ));
    arch::enable_interrupts();
    log::info("cpu", "interrupts enabled");
}

void run_command_line_request() {
    char test_name[64];
    if (command_line::find("test", test_name, sizeof test_name))
        testing::run(test_name);
    // As long as the command line itself: a selection cut short would run other benchmarks.
    char benchmarks[command_line::CommandLine::MAXIMUM_LENGTH + 1];
    if (command_line::find("bench", benchmarks, sizeof benchmarks))
        bench::run(benchmarks);
    process_boot::run_first_process();
    // Both lines fit the 80 columns of the VGA screen.
    console::print(
        "Nothing more to run: the first process has ended.\n"
        "Ctrl-T on the serial console lists the threads; test=NAME runs a kernel test.\n");
}

} // namespace

extern "C" [[noreturn]] void kernel_main(uint32_t magic, uintptr_t boot_information_physical) {
    runtime::initialize_stack_guard();
    runtime::run_global_constructors();
    console::initialize();
    console::print("\x1b[1;97;44m teaching kernel \x1b[22;37m booting on i386\x1b[K\x1b[0m\n");

    boot_info::initialize(magic, boot_information_physical);
    const char* line = boot_info::information().command_line;
    static char emulator_words[command_line::CommandLine::MAXIMUM_LENGTH + 1];
    int emulator_length = arch::firmware_config::read_file(command_line::EMULATOR_FILE,
                                                           emulator_words, sizeof emulator_words);
    bool has_emulator_words = emulator_length >= 0;
    command_line::set(line ? line : "", has_emulator_words ? emulator_words : nullptr);
    log::apply_command_line();
    if (emulator_length == arch::firmware_config::FILE_TOO_LARGE)
        log::error("boot", "QEMU's fw_cfg words (%s) are longer than %zu characters: ignored",
                   command_line::EMULATOR_FILE, command_line::CommandLine::MAXIMUM_LENGTH);
    boot_info::log_summary();
    if (has_emulator_words)
        log::info("boot", "words from QEMU's fw_cfg: \"%s\"", emulator_words);
    boot_info::ModuleContents symbols = boot_info::module_contents("symbols");
    if (symbols.data != nullptr)
        debug::load_symbols(reinterpret_cast<const char*>(symbols.data), symbols.size);
    initialize_processor();
    memory::initialize();
    memory::log_summary();
    kernel_thread::initialize(command_line::number("quantum", kernel_thread::DEFAULT_QUANTUM_TICKS,
                                                   1, kernel_thread::MAXIMUM_QUANTUM_TICKS));
    trace::initialize();
    process_boot::initialize();

    run_command_line_request();
    // The boot thread's work is done: it ends, and the idle thread keeps the timer going.
    libk::ErrorOr<void> detached = kernel_thread::detach(this_thread::id());
    if (detached.is_error())
        panic("the boot thread cannot detach itself: %s",
              libk::error_description(detached.error()));
    this_thread::exit(0);
}

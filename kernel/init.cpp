// kernel_main: the one C++ entry point. boot/entry.asm calls it in the higher half with the
// boot page directory active, interrupts off, and a 16 KiB boot stack. It brings the kernel up
// in dependency order, then runs what the command line asks for (a test, later a program).
// Break here in gdb: `break kernel_main`.
#include "arch/cpu.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/boot_info/multiboot2.h"
#include "kernel/console/console.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/layout.h"
#include "kernel/runtime/cxx_runtime.h"
#include "kernel/testing/kernel_test.h"

namespace {

void run_command_line_request() {
    char test_name[64];
    if (command_line::find("test", test_name, sizeof test_name))
        testing::run(test_name);
    console::print("Nothing more to run: halting. (Boot with test=NAME to run a kernel test.)\n");
}

} // namespace

extern "C" [[noreturn]] void kernel_main(uint32_t magic, uintptr_t boot_information_physical) {
    runtime::run_global_constructors();
    console::initialize();
    console::print("\x1b[1;97;44m teaching kernel \x1b[22;37m booting on i386\x1b[K\x1b[0m\n");

    if (magic != multiboot2::BOOTLOADER_MAGIC)
        panic("not started by a Multiboot2 boot loader (eax = %#x)", magic);
    const char* line =
        multiboot2::find_command_line(memory::physical_to_virtual(boot_information_physical));
    command_line::set(line ? line : "");
    console::print("command line: \"%s\"\n", command_line::text());

    run_command_line_request();
    arch::halt_forever();
}

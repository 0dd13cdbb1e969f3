// What happens between the kernel starting a program and main: the main thread's control block
// (so errno works), the stack protector's guard value, the environment, the constructors of
// global objects. Then main, and exit with its result.
#include "user/lib/internal/report.h"
#include "user/lib/internal/system_call.h"
#include "user/lib/pthread/thread_control_block.h"
#include "user/lib/stdlib/environment.h"
#include <stdint.h>
#include <stdlib.h>

extern "C" {
int main(int argc, char** argv, char** envp);

// From user/lib/user.ld.
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();

// The value -fstack-protector compares each protected frame's canary with.
uintptr_t __stack_chk_guard = 0x00ff0a0d; // NUL, newline, carriage return: stops most string copies

// Called by crt0.asm with the address of argc (libk/abi/program_start.h). It never returns, so
// changing __stack_chk_guard here cannot trip its own check.
[[noreturn]] void __start_program(uint32_t* initial_stack) {
    userlib::install_thread_block(userlib::main_thread());

    uint64_t cycles = 0;
    userlib::system_call(SYSCALL_READ_CYCLES, &cycles);
    // Keep the low byte zero, so a string overflow cannot reproduce the guard.
    __stack_chk_guard ^= static_cast<uintptr_t>(cycles ^ (cycles >> 32)) & ~uintptr_t{0xff};

    int argc = static_cast<int>(initial_stack[0]);
    auto** argv = reinterpret_cast<char**>(initial_stack + 1);
    char** envp = argv + argc + 1;
    userlib::set_environment(envp);
    userlib::set_program_name(argc > 0 ? argv[0] : nullptr);

    for (auto** constructor = __init_array_start; constructor != __init_array_end; ++constructor)
        (*constructor)();
    exit(main(argc, argv, envp));
}

// A protected function found its canary overwritten: its stack frame is corrupt.
[[noreturn]] void __stack_chk_fail() {
    userlib::report("stack smashing detected: a buffer on the stack overflowed");
    abort();
}
}

// Processes at boot: setting up everything user programs need, and starting the first one.
//
// The first process is /bin/init, a child of the kernel. The command line may name a program
// for it to run instead of the shell: "run=PROGRAM ARGUMENT..." (the last key=value word; every
// word after it belongs to the program) gives init the argv {"/bin/init", PROGRAM, ARGUMENT...}.
// Without a /bin/init in the initrd, the kernel runs PROGRAM itself.
//
// A test boot adds "test-exit=NAME": when the first process ends, the kernel prints
// "TEST PASS NAME" (exit status 0) or "TEST FAIL NAME: ..." and ends QEMU with that verdict,
// which is how tools/run-tests.sh runs the user test programs.
#pragma once

namespace process_boot {

// The FPU, the thread-pointer and return-to-user hooks, the system-call gate, the user fault
// handler, the reaper, console input and the initrd. After the scheduler, before any process.
void initialize();

// Starts the first process and waits (in the calling kernel thread) until it ends. Returns
// then, unless the boot was a test boot.
void run_first_process();

} // namespace process_boot

// Starting a program: a new process with its own address space, the program's segments, a main
// stack holding its arguments, the console as handles 0, 1 and 2, and one thread at the ELF
// entry point. The new process is a child of `parent`, which collects it with wait
// (lifecycle.h); the kernel process can be a parent too (the first process, kernel tests).
#pragma once

#include "kernel/proc/process.h"
#include "kernel/proc/program_arguments.h"

namespace process_spawn {

// What the new process gets as handles 0, 1 and 2 (kernel tests give it a Capture object as
// its output to read what it printed). nullptr means the console.
struct StandardHandles {
    KernelObject* input = nullptr;
    KernelObject* output = nullptr;
};

// Starts the initrd program at `path`. NoSuchFile, AccessDenied (a directory), NotExecutable
// (the kernel log says why), LimitReached (process table full), OutOfMemory.
libk::ErrorOr<ProcessId> spawn(Process& parent, const char* path, const ProgramArguments& arguments,
                               const StandardHandles& handles = {});

// The same for an executable that is not in the initrd: `image` must stay valid as long as the
// process exists (its symbol table names functions in fault reports).
libk::ErrorOr<ProcessId> spawn_image(Process& parent, const char* name, const uint8_t* image,
                                     size_t size, const ProgramArguments& arguments,
                                     const StandardHandles& handles = {});

// For tests: `hook` (nullptr: none) runs in every spawn right after the new process has become
// visible in the process table and before its first thread starts; it may block. It is how a
// test makes a parent wait for a child whose start then fails.
void set_published_hook(void (*hook)());

// "hello" for "/bin/hello": the name a process shows.
const char* program_name(const char* path);

} // namespace process_spawn

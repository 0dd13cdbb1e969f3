// The program loader: puts a validated ELF executable (kernel/proc/elf.h) into a new process's
// address space, and builds the main thread's stack with the arguments.
#pragma once

#include "kernel/proc/elf.h"
#include "kernel/proc/process.h"
#include "kernel/proc/program_arguments.h"

namespace loader {

// Maps every loadable segment with its permissions (code and constants read-only, data
// writable), copies the file's bytes, leaves the rest of each segment zero (.bss), and starts
// the heap at the image's end. The read-only segments of a process with a program image
// (program_images.h) are not copied: the image's frames are mapped instead. NotExecutable when a
// segment reaches into the area above the heap (user_layout.h); OutOfMemory.
libk::ErrorOr<void> load_segments(Process& process, const uint8_t* file,
                                  const elf::Executable& executable);

// Maps the main stack (user_layout.h) and writes the initial stack for `arguments` at its top.
// Returns the initial esp. OutOfMemory.
libk::ErrorOr<uint32_t> build_main_stack(Process& process, const ProgramArguments& arguments);

} // namespace loader

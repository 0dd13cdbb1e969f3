// Kernel stacks: one per thread, carved from the kernel-stacks region of the layout (layout.h).
// Each slot is an unmapped guard page followed by KERNEL_STACK_SIZE bytes of mapped stack:
//
//   slot start                 bottom                                 top = next slot start
//   | guard page (unmapped)    | stack, growing down from top  <----- |
//
// A stack that overflows runs into its guard page. The page fault that causes cannot be
// delivered on that stack either, so the CPU raises a double fault, which runs on its own task
// (arch/x86/double_fault.cpp) and asks diagnose_stack_overflow() whose stack it was.
#pragma once

#include "kernel/memory/memory_account.h"

namespace memory {

// The usable stack [bottom, top); the guard page is the page just below `bottom`.
struct KernelStack {
    uintptr_t bottom = 0;
    uintptr_t top = 0;
};

// Maps a fresh stack. `owner` names the thread that will run on it in an overflow report; the
// string must outlive the stack (a thread passes its own name). OutOfMemory when no slot or no
// frame is left. With an account (a thread of a program), the frames are charged to it and may
// not take the kernel's reserve; the account must outlive the stack.
libk::ErrorOr<KernelStack> allocate_kernel_stack(const char* owner,
                                                 MemoryAccount* account = nullptr);

// Unmaps the stack and returns its frames (and their charge). Passing anything but a live
// stack is a panic.
void free_kernel_stack(const KernelStack& stack);

// Renames the owner shown in an overflow report.
void set_kernel_stack_owner(const KernelStack& stack, const char* owner);

// For a stack pointer in (or at the top of) a live stack's guard page: "kernel stack overflow in
// thread 'owner'" (in a static buffer). nullptr for any other address.
const char* diagnose_stack_overflow(uint32_t stack_pointer);

// Live stacks (for statistics and tests).
size_t kernel_stack_count();

} // namespace memory

// Backtraces by frame pointers. The kernel is built with -fno-omit-frame-pointer, so every
// function starts with "push ebp; mov ebp, esp": ebp points at the caller's saved ebp, and just
// above it is the return address into the caller. Following the saved ebps walks up the stack
// one call at a time, until boot/entry.asm's ebp = 0 ends the chain.
//
//   higher address   | ...              |
//                    | return address   |  [ebp + 4]: where the caller resumes
//   ebp  ----------> | caller's ebp     |  [ebp]: the next link of the chain
//                    | locals ...       |
#pragma once

#include "kernel/debug/symbol_table.h"
#include "libk/types.h"

namespace debug {

// Why a walk ended. Anything but EndOfChain and DepthLimit means the stack looked damaged.
enum class BacktraceEnd {
    EndOfChain,    // ebp was 0: the outermost frame
    DepthLimit,    // MAXIMUM_FRAMES frames recorded
    Misaligned,    // ebp not a multiple of 4
    OutsideKernel, // ebp below the kernel half (or too close to the top of memory)
    NotUpward,     // the saved ebp did not move up the stack (a loop or garbage)
    NullReturn,    // a return address of 0
};

// How to read the first address: a return address points just after a call (so the call
// itself is at address - 1); an exact address is the instruction that was running, such as
// the eip of an interrupted instruction.
enum class FirstAddress { ReturnAddress, Exact };

struct Backtrace {
    static constexpr size_t MAXIMUM_FRAMES = 32;
    uintptr_t addresses[MAXIMUM_FRAMES];
    size_t count = 0;
    FirstAddress first = FirstAddress::ReturnAddress; // every later address is a return address
    BacktraceEnd end = BacktraceEnd::EndOfChain;
    uintptr_t last_frame_pointer = 0; // the ebp the walk stopped at
};

// Records `first_address`, then one return address per frame of the ebp chain from
// `frame_pointer` on. Every frame pointer is checked before it is read. (A fault in a
// function's first instructions, before it has pushed ebp, hides that function's caller.)
Backtrace walk_backtrace(uintptr_t first_address, FirstAddress first, uintptr_t frame_pointer);

// The backtrace of the code that calls this: frame #0 is in the calling function, just after
// the call, frame #1 in its caller, and so on.
[[gnu::noinline]] Backtrace current_backtrace();

// The function frame `index` is in. For a return address this is the function that made the
// call (looked up at address - 1); `offset` is still counted to the address itself.
SymbolLocation frame_location(const Backtrace& backtrace, size_t index);

// Prints one line per frame, "  #n 0xc01234ab function+0x1c", and a line saying why the walk
// stopped when the reason is unusual.
void print_backtrace(const Backtrace& backtrace);

} // namespace debug

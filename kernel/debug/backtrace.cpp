// See backtrace.h.
#include "kernel/debug/backtrace.h"
#include "kernel/console/console.h"
#include "kernel/debug/symbols.h"
#include "kernel/memory/layout.h"

namespace debug {
namespace {

// True when `frame_pointer` is safe to read and continues the chain after `previous` (0 for the
// first frame); otherwise `end` says why the walk must stop there.
bool is_usable_frame(uintptr_t frame_pointer, uintptr_t previous, BacktraceEnd& end) {
    if (frame_pointer == 0)
        end = BacktraceEnd::EndOfChain;
    else if (frame_pointer % sizeof(uintptr_t) != 0)
        end = BacktraceEnd::Misaligned;
    // Both words of the frame, [ebp] and [ebp + 4], must lie in the kernel half.
    else if (frame_pointer < memory::KERNEL_VIRTUAL_BASE || frame_pointer > UINTPTR_MAX - 8)
        end = BacktraceEnd::OutsideKernel;
    // Stacks grow down, so each caller's frame is at a higher address than its callee's.
    else if (previous != 0 && frame_pointer <= previous)
        end = BacktraceEnd::NotUpward;
    else
        return true;
    return false;
}

const char* describe(BacktraceEnd end) {
    switch (end) {
    case BacktraceEnd::EndOfChain:
        return "end of the frame chain";
    case BacktraceEnd::DepthLimit:
        return "more frames not shown";
    case BacktraceEnd::Misaligned:
        return "frame pointer is not 4-byte aligned";
    case BacktraceEnd::OutsideKernel:
        return "frame pointer is outside the kernel half";
    case BacktraceEnd::NotUpward:
        return "frame pointer does not move up the stack";
    case BacktraceEnd::NullReturn:
        return "return address is 0";
    }
    return "?";
}

} // namespace

Backtrace walk_backtrace(uintptr_t first_address, FirstAddress first, uintptr_t frame_pointer) {
    Backtrace backtrace;
    backtrace.first = first;
    uintptr_t address = first_address;
    uintptr_t previous = 0;
    for (;;) {
        backtrace.addresses[backtrace.count++] = address;
        backtrace.last_frame_pointer = frame_pointer;
        if (!is_usable_frame(frame_pointer, previous, backtrace.end))
            return backtrace;
        if (backtrace.count == Backtrace::MAXIMUM_FRAMES) {
            backtrace.end = BacktraceEnd::DepthLimit;
            return backtrace;
        }
        auto* frame = reinterpret_cast<const uintptr_t*>(frame_pointer);
        address = frame[1];
        previous = frame_pointer;
        frame_pointer = frame[0];
        if (address == 0) {
            backtrace.end = BacktraceEnd::NullReturn;
            return backtrace;
        }
    }
}

Backtrace current_backtrace() {
    // This function's own frame: [0] is the caller's ebp, [1] the return address into it.
    auto* frame = static_cast<const uintptr_t*>(__builtin_frame_address(0));
    return walk_backtrace(frame[1], FirstAddress::ReturnAddress, frame[0]);
}

SymbolLocation frame_location(const Backtrace& backtrace, size_t index) {
    uintptr_t address = backtrace.addresses[index];
    // A return address is the instruction after the call; the call itself is the byte before.
    // Looking that up keeps a call at the very end of a function (to a function that never
    // returns) from being named after the next function in memory.
    bool is_return = index > 0 || backtrace.first == FirstAddress::ReturnAddress;
    uintptr_t lookup = is_return ? address - 1 : address;
    SymbolLocation location = find_symbol(lookup);
    if (location.name != nullptr)
        location.offset += static_cast<uint32_t>(address - lookup);
    return location;
}

void print_backtrace(const Backtrace& backtrace) {
    if (symbol_count() == 0)
        console::print("  (no symbol table loaded: addresses only)\n");
    for (size_t i = 0; i < backtrace.count; ++i) {
        auto address = static_cast<unsigned>(backtrace.addresses[i]);
        SymbolLocation location = frame_location(backtrace, i);
        if (location.name == nullptr)
            console::print("  #%-2zu 0x%08x ??\n", i, address);
        else
            console::print("  #%-2zu 0x%08x %s+0x%x\n", i, address, location.name, location.offset);
    }
    if (backtrace.end != BacktraceEnd::EndOfChain)
        console::print("  (stopped: %s, ebp=0x%08x)\n", describe(backtrace.end),
                       static_cast<unsigned>(backtrace.last_frame_pointer));
}

} // namespace debug

// See exception_report.h. The layout is meant to be read by a student at a glance: one register
// per column, names left, values as 8 (or 4 for selectors) hex digits.
#include "arch/x86/exception_report.h"
#include "arch/cpu.h"
#include "kernel/console/console.h"
#include "kernel/debug/symbols.h"
#include "libk/format.h"

namespace arch {
namespace {

uint32_t current_stack_segment() {
    uint32_t selector;
    asm volatile("movl %%ss, %0" : "=r"(selector));
    return selector;
}

} // namespace

RegisterSnapshot snapshot_of(const InterruptFrame& frame) {
    // A fault in ring 0 pushes no ss:esp: the interrupted code used the stack we are on.
    uint32_t ss = frame.from_user_mode() ? frame.user_ss : current_stack_segment();
    return RegisterSnapshot{frame.eax, frame.ebx,    frame.ecx, frame.edx,
                            frame.esi, frame.edi,    frame.ebp, frame.interrupted_esp(),
                            frame.eip, frame.eflags, frame.cs,  frame.ds,
                            frame.es,  frame.fs,     frame.gs,  ss};
}

RegisterSnapshot snapshot_of(const TaskStateSegment& saved_task) {
    const TaskStateSegment& t = saved_task;
    return RegisterSnapshot{t.eax, t.ebx,    t.ecx, t.edx, t.esi, t.edi, t.ebp, t.esp,
                            t.eip, t.eflags, t.cs,  t.ds,  t.es,  t.fs,  t.gs,  t.ss};
}

void format_symbol(char* buffer, size_t size, uint32_t address) {
    debug::SymbolLocation location = debug::find_symbol(address);
    if (location.name == nullptr)
        libk::format_buffer(buffer, size, "??");
    else
        libk::format_buffer(buffer, size, "%s+%#x", location.name, location.offset);
}

void print_function(uint32_t address) {
    char symbol[96];
    format_symbol(symbol, sizeof symbol, address);
    console::print("  %-11s %s\n", "function", symbol);
}

void print_registers(const RegisterSnapshot& r) {
    // A pushed segment register fills a 32-bit slot whose upper half is undefined.
    auto selector = [](uint32_t value) { return value & 0xFFFF; };
    console::print("  eax %08x  ebx %08x  ecx %08x  edx %08x\n", r.eax, r.ebx, r.ecx, r.edx);
    console::print("  esi %08x  edi %08x  ebp %08x  esp %08x\n", r.esi, r.edi, r.ebp, r.esp);
    console::print("  eip %08x  eflags %08x\n", r.eip, r.eflags);
    console::print("  cs  %04x      ds  %04x      es  %04x      fs  %04x\n", selector(r.cs),
                   selector(r.ds), selector(r.es), selector(r.fs));
    console::print("  gs  %04x      ss  %04x\n", selector(r.gs), selector(r.ss));
    console::print("  cr0 %08x  cr2 %08x  cr3 %08x  cr4 %08x\n", read_cr0(), read_cr2(), read_cr3(),
                   read_cr4());
}

} // namespace arch

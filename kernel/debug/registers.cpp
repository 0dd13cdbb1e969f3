// See registers.h. The eflags value is followed by the names of its set flags, since "IF" tells
// a student at a glance whether interrupts were on.
#include "kernel/debug/registers.h"
#include "arch/cpu.h"
#include "arch/interrupt_frame.h"
#include "arch/registers.h"
#include "kernel/console/console.h"

namespace debug {
namespace {

struct FlagName {
    uint32_t bit;
    const char* name;
};
constexpr FlagName FLAG_NAMES[] = {
    {0, "CF"}, {2, "PF"}, {4, "AF"},  {6, "ZF"},  {7, "SF"},
    {8, "TF"}, {9, "IF"}, {10, "DF"}, {11, "OF"},
};

void print_flags(uint32_t eflags) {
    console::print("eflags=%08x [", eflags);
    const char* separator = "";
    for (const FlagName& flag : FLAG_NAMES) {
        if (eflags & (1u << flag.bit)) {
            console::print("%s%s", separator, flag.name);
            separator = " ";
        }
    }
    console::print("]\n");
}

struct GeneralRegisters {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eip;
};

void print_general(const GeneralRegisters& r) {
    console::print("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", r.eax, r.ebx, r.ecx, r.edx);
    console::print("  esi=%08x edi=%08x ebp=%08x esp=%08x\n", r.esi, r.edi, r.ebp, r.esp);
    console::print("  eip=%08x ", r.eip);
}

void print_control(uint32_t cr0, uint32_t cr2, uint32_t cr3, uint32_t cr4) {
    console::print("  cr0=%08x cr2=%08x cr3=%08x cr4=%08x\n", cr0, cr2, cr3, cr4);
}

} // namespace

void print_registers(const arch::RegisterSnapshot& r) {
    print_general({r.eax, r.ebx, r.ecx, r.edx, r.esi, r.edi, r.ebp, r.esp, r.eip});
    print_flags(r.eflags);
    console::print("  cs=%04x ds=%04x es=%04x fs=%04x gs=%04x ss=%04x\n", r.cs, r.ds, r.es, r.fs,
                   r.gs, r.ss);
    print_control(r.cr0, r.cr2, r.cr3, r.cr4);
}

void print_registers(const arch::InterruptFrame& f) {
    print_general({f.eax, f.ebx, f.ecx, f.edx, f.esi, f.edi, f.ebp,
                   static_cast<uint32_t>(f.interrupted_esp()), f.eip});
    print_flags(f.eflags);
    // A pushed segment register fills 32 bits, but only the low 16 are defined.
    console::print("  cs=%04x ds=%04x es=%04x fs=%04x gs=%04x", f.cs & 0xFFFF, f.ds & 0xFFFF,
                   f.es & 0xFFFF, f.fs & 0xFFFF, f.gs & 0xFFFF);
    if (f.from_user_mode())
        console::print(" ss=%04x (user mode)\n", f.user_ss & 0xFFFF);
    else
        console::print(" (kernel mode)\n");
    print_control(arch::read_cr0(), arch::read_cr2(), arch::read_cr3(), arch::read_cr4());
}

} // namespace debug

// The x87 unit's set-up and its save and restore instructions (see arch/fpu.h).
#include "arch/fpu.h"
#include "arch/cpu.h"

namespace arch {
namespace {

// CR0 bits (Intel SDM vol. 3, 2.5).
constexpr uint32_t CR0_MONITOR_COPROCESSOR = 1u << 1; // MP: wait honours TS
constexpr uint32_t CR0_EMULATION = 1u << 2;           // EM: every x87 instruction would trap
constexpr uint32_t CR0_TASK_SWITCHED = 1u << 3;       // TS: the next x87 instruction would trap
constexpr uint32_t CR0_NUMERIC_ERROR = 1u << 5;       // NE: errors as exception 16, not IRQ 13

// The image of a freshly initialized unit, taken once at boot.
FpuState g_initial_state;

void write_cr0(uint32_t value) {
    asm volatile("mov %0, %%cr0" : : "r"(value) : "memory");
}

} // namespace

void initialize_fpu() {
    uint32_t cr0 = read_cr0();
    cr0 &= ~(CR0_EMULATION | CR0_TASK_SWITCHED);
    cr0 |= CR0_MONITOR_COPROCESSOR | CR0_NUMERIC_ERROR;
    write_cr0(cr0);
    asm volatile("fninit" ::: "memory");
    save_fpu_state(g_initial_state); // fnsave leaves the unit initialized again
}

void save_fpu_state(FpuState& state) {
    asm volatile("fnsave %0" : "=m"(state) : : "memory");
}

void restore_fpu_state(const FpuState& state) {
    asm volatile("frstor %0" : : "m"(state) : "memory");
}

void initial_fpu_state(FpuState& state) {
    // Copied, not made with fninit: the unit may hold some user thread's registers right now.
    state = g_initial_state;
}

} // namespace arch

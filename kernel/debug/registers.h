// Printing a register set for panic and fault reports, in one layout for both sources: a
// snapshot panic() takes (arch/registers.h) and the frame an interrupt saved
// (arch/interrupt_frame.h). Every line is indented by two spaces.
#pragma once

namespace arch {
struct RegisterSnapshot;
struct InterruptFrame;
} // namespace arch

namespace debug {

void print_registers(const arch::RegisterSnapshot& registers);

// The interrupted code's registers; ss and esp are the user ones for a fault in user mode.
// Control registers are read now (cr2 still holds a page fault's address at this point).
void print_registers(const arch::InterruptFrame& frame);

} // namespace debug

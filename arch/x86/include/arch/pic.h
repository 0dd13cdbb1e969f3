// The two cascaded 8259A programmable interrupt controllers of the PC: the master takes IRQ 0-7,
// the slave IRQ 8-15 and reports to the master through IRQ 2. At power-on the master's IRQs land
// on vectors 8-15, on top of CPU exceptions, so initialize() moves them to vectors 32-47.
#pragma once

#include <stdint.h>

namespace arch::pic {

// Remaps both controllers and masks every IRQ (except the cascade, IRQ 2).
void initialize();

void mask(uint8_t irq);
void unmask(uint8_t irq);

// Tells the controller(s) the handler has taken the IRQ, so it may raise the next one.
void end_of_interrupt(uint8_t irq);

// A spurious IRQ is raised on the lowest-priority line (7 on the master, 15 on the slave) when
// a request went away before the CPU acknowledged it; the in-service register then shows no IRQ.
// Returns true for such an interrupt, after counting it and sending the one acknowledgement it
// needs (a spurious IRQ 15 still went through the master's IRQ 2). The caller must ignore it.
bool is_spurious(uint8_t irq);
uint32_t spurious_count();

} // namespace arch::pic

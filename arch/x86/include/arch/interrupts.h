// Registering the code that handles an interrupt vector. Every interrupt enters through
// interrupt_entry.asm and arrives at one dispatcher, which calls what was registered here:
//   arch::interrupts::set_irq_handler(0, on_timer_tick);          // IRQ 0 = vector 32
//   arch::interrupts::set_handler(arch::SYSTEM_CALL_VECTOR, on_system_call);
// Handlers run with interrupts off (every gate is an interrupt gate) on the kernel stack of
// whatever was interrupted. A CPU exception without a handler is reported by name and ends the
// faulting code (see arch/exceptions.h).
#pragma once

#include "arch/idt.h"
#include "arch/interrupt_frame.h"

namespace arch::interrupts {

using Handler = void (*)(InterruptFrame& frame);

// Any vector except 8 (the double fault runs as its own task). nullptr removes the handler.
void set_handler(uint8_t vector, Handler handler);

// IRQ 0-15. Registering unmasks the line at the PIC; nullptr masks it again. The dispatcher
// acknowledges the IRQ (end of interrupt) before it calls the handler, so a handler may switch
// to another thread without holding up the next interrupt.
void set_irq_handler(uint8_t irq, Handler handler);

// Called at the end of every interrupt, exception and system call that came from user mode,
// with interrupts off, just before the registers in `frame` are restored and the thread goes
// back to ring 3. The process code uses it to end a thread whose process is ending, so no
// thread ever runs user code again once its end was decided. nullptr removes it.
void set_return_to_user_handler(Handler handler);

} // namespace arch::interrupts

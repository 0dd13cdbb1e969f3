// The C++ side of every interrupt: interrupt_entry.asm saves the registers and calls
// interrupt_dispatch, which sends exceptions to their report (exceptions.cpp), acknowledges IRQs
// at the PIC, filters out spurious ones, and calls the handlers registered in arch/interrupts.h.
#include "arch/interrupts.h"
#include "arch/cpu.h"
#include "arch/exceptions.h"
#include "arch/pic.h"
#include "kernel/debug/log.h"
#include "kernel/debug/panic.h"

namespace arch::interrupts {
namespace {

// Indexed by vector. A pointer store is atomic here, so handlers may change with interrupts on.
Handler g_handlers[256];
Handler g_return_to_user_handler = nullptr;

bool is_irq_vector(uint32_t vector) {
    return vector >= IRQ_BASE_VECTOR && vector < IRQ_BASE_VECTOR + IRQ_COUNT;
}

void dispatch_irq(InterruptFrame& frame) {
    uint8_t irq = static_cast<uint8_t>(frame.vector - IRQ_BASE_VECTOR);
    if (pic::is_spurious(irq))
        return; // pic.cpp counted it and sent whatever acknowledgement it needs
    pic::end_of_interrupt(irq);
    if (Handler handler = g_handlers[frame.vector]) {
        handler(frame);
        return;
    }
    // Only registered IRQs are unmasked, so this means a handler was removed in a race.
    log::warning("interrupts", "IRQ %u arrived with no handler; masking it", irq);
    pic::mask(irq);
}

void dispatch(InterruptFrame& frame) {
    Handler handler = g_handlers[frame.vector];
    if (frame.vector < EXCEPTION_COUNT) {
        if (handler)
            handler(frame);
        else
            handle_fault(frame);
    } else if (is_irq_vector(frame.vector)) {
        dispatch_irq(frame);
    } else if (handler) {
        handler(frame);
    } else {
        panic_with_frame(frame, "unexpected interrupt: vector %u (%#x) has no handler",
                         frame.vector, frame.vector);
    }
}

} // namespace

void set_handler(uint8_t vector, Handler handler) {
    VERIFY(vector != DOUBLE_FAULT_VECTOR);
    g_handlers[vector] = handler;
}

void set_irq_handler(uint8_t irq, Handler handler) {
    VERIFY(irq < IRQ_COUNT);
    g_handlers[IRQ_BASE_VECTOR + irq] = handler;
    if (handler)
        pic::unmask(irq);
    else
        pic::mask(irq);
}

void set_return_to_user_handler(Handler handler) {
    g_return_to_user_handler = handler;
}

} // namespace arch::interrupts

// Called by interrupt_entry.asm with the frame it built on the stack.
extern "C" void interrupt_dispatch(arch::InterruptFrame* frame) {
    arch::interrupts::dispatch(*frame);
    if (frame->from_user_mode()) {
        // A handler may have turned interrupts on (system calls do); the way out is with them off.
        arch::disable_interrupts();
        if (arch::interrupts::Handler handler = arch::interrupts::g_return_to_user_handler)
            handler(*frame);
    }
}

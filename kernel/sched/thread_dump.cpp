// See thread_dump.h.
#include "kernel/sched/thread_dump.h"
#include "arch/interrupt_frame.h"
#include "kernel/console/console.h"
#include "kernel/debug/backtrace.h"
#include "kernel/debug/symbols.h"
#include "kernel/proc/process.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sched/scheduling_policy.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/time/clock.h"

namespace scheduler {
namespace {

class DumpPrinter {
public:
    DumpPrinter(libk::FormatOutput output, void* context) : m_output(output), m_context(context) {}

    __attribute__((format(printf, 2, 3))) void print(const char* format, ...) {
        va_list arguments;
        va_start(arguments, format);
        libk::vformat(m_output, m_context, format, arguments);
        va_end(arguments);
    }

    // "c0104a2b scheduler::yield+0x2f", or the bare address outside known functions.
    void print_frame(const debug::Backtrace& backtrace, size_t index) {
        auto address = static_cast<unsigned>(backtrace.addresses[index]);
        debug::SymbolLocation location = debug::frame_location(backtrace, index);
        if (location.name == nullptr)
            print("%08x ??", address);
        else
            print("%08x %s+0x%x", address, location.name, location.offset);
    }

    void print_backtrace(const debug::Backtrace& backtrace) {
        for (size_t index = 0; index < backtrace.count; ++index) {
            print("        #%-2zu ", index);
            print_frame(backtrace, index);
            print("\n");
        }
    }

private:
    libk::FormatOutput m_output;
    void* m_context;
};

void print_summary(DumpPrinter& out, const Thread& thread) {
    const ThreadStatistics& statistics = thread.statistics();
    out.print("%4u  %-16s %-8s %-8s %4u %7llu %8u %9u\n", thread.id(), thread.name(),
              thread.process() ? thread.process()->name() : "-", to_string(thread.state()),
              thread.priority(), static_cast<unsigned long long>(statistics.ticks_run),
              statistics.times_scheduled, statistics.times_preempted);
}

void print_interrupt_frame(DumpPrinter& out, const arch::InterruptFrame& frame) {
    out.print("      preempted by the timer; the interrupted code's registers:\n");
    debug::Backtrace backtrace =
        debug::walk_backtrace(frame.eip, debug::FirstAddress::Exact, frame.ebp);
    out.print("        eip ");
    out.print_frame(backtrace, 0);
    out.print("  eflags %08x  cs %04x  ds %04x\n", frame.eflags, frame.cs, frame.ds);
    out.print("        eax %08x  ebx %08x  ecx %08x  edx %08x\n", frame.eax, frame.ebx, frame.ecx,
              frame.edx);
    out.print("        esi %08x  edi %08x  ebp %08x  esp %08x\n", frame.esi, frame.edi, frame.ebp,
              frame.interrupted_esp());
    out.print("      interrupted code's backtrace:\n");
    out.print_backtrace(backtrace);
}

// A switched-out thread: its Context sits at its saved esp, and it resumes at the saved eip,
// which is in the scheduler, just after its call to switch_context. The backtrace from there
// shows how it got into the scheduler (blocked in a mutex, sleeping, preempted...).
void print_saved_registers(DumpPrinter& out, const Thread& thread) {
    const arch::Context* context = thread.saved_context();
    if (thread.statistics().times_scheduled == 0) {
        // Its Context is the made-up first one: switching to it enters the trampoline.
        debug::SymbolLocation entry =
            debug::find_symbol(reinterpret_cast<uintptr_t>(thread.entry()));
        out.print("      not started yet: its first switch enters thread_trampoline, then %s\n",
                  entry.name ? entry.name : "its entry function");
        return;
    }
    debug::Backtrace backtrace =
        debug::walk_backtrace(context->eip, debug::FirstAddress::ReturnAddress, context->ebp);
    out.print("      saved eip ");
    out.print_frame(backtrace, 0);
    out.print("  esp %08x  ebp %08x\n", static_cast<unsigned>(reinterpret_cast<uintptr_t>(context)),
              context->ebp);
    if (const arch::InterruptFrame* frame = thread.preempted_frame()) {
        print_interrupt_frame(out, *frame);
        return;
    }
    out.print("      backtrace:\n");
    out.print_backtrace(backtrace);
}

void print_console(char character, void*) {
    console::put(character);
}

} // namespace

void dump_threads(libk::FormatOutput output, void* context) {
    DumpPrinter out(output, context);
    InterruptGuard guard; // the threads stay where they are while we look
    out.print("--- threads at tick %llu (policy: %s) ---\n",
              static_cast<unsigned long long>(clock::ticks()), policy().name());
    out.print("  id  name             process  state    prio   ticks  started preempted\n");
    for (const Thread& thread : all_threads()) {
        print_summary(out, thread);
        if (&thread == &current())
            out.print("      (running: the dump is printed on its time)\n");
        else if (thread.state() != ThreadState::Exited && thread.saved_context() != nullptr)
            print_saved_registers(out, thread);
    }
    out.print("--- end of threads ---\n");
}

void dump_threads() {
    dump_threads(print_console, nullptr);
}

} // namespace scheduler

// See trace.h. Starting and ending the trace, and the writer: a kernel thread of the lowest
// priority that takes records out of the ring and writes them as text to COM2.
//
// Why a streaming writer rather than one dump at the end: a run of any length fits through a
// ring of fixed size, and most of the text is out before the run ends. At the lowest priority
// the writer only takes time that would otherwise go to the idle thread, so it does not change
// who runs when; it appears in the trace as the thread "trace-writer". When the traced threads
// keep the CPU busy for longer than the ring lasts, events are dropped and the text says how
// many (trace_lost). finish() writes the rest at the end of the run.
#include "kernel/trace/trace.h"
#include "arch/cpu.h"
#include "arch/serial.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/debug/log.h"
#include "kernel/memory/interrupts_off.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/trace/calibration.h"
#include "kernel/trace/event_text.h"
#include "kernel/trace/recorder.h"
#include "libk/format.h"
#include "libk/new.h"
#include "libk/string.h"

namespace trace {
namespace {

// 16384 slots of 32 bytes: 512 KiB, room for about 16 000 events (one with a name takes two
// slots), far more than pile up between two rounds of the writer while the CPU has idle moments.
constexpr size_t RING_SLOTS = 16384;
// How long the writer sleeps when the ring is empty. Each round adds a few events of its own
// (its wake-up and its sleep), so it should not be too short either.
constexpr uint32_t WRITER_PERIOD_MS = 50;
constexpr size_t LINE_SIZE = 128;

enum class State { Off, Recording, Finished };

// Changed only by start() and finish(), with interrupts off.
State g_state = State::Off;
Timebase g_timebase;
uint64_t g_records_written = 0; // protected by disabling interrupts

void write_text(const char* text, size_t length) {
    arch::serial::write_bytes(arch::serial::Port::Com2, text, length);
}

__attribute__((format(printf, 1, 2))) void write_line(const char* format, ...) {
    char line[LINE_SIZE];
    va_list arguments;
    va_start(arguments, format);
    int length = libk::vformat_buffer(line, sizeof line, format, arguments);
    va_end(arguments);
    memory::InterruptsOff interrupts_off;
    write_text(line, length < int(sizeof line) ? size_t(length) : sizeof line - 1);
    write_text("\n", 1);
}

// Takes the oldest record out of the ring and writes its line; false when the ring is empty.
// The whole line is written with interrupts off, so that the lines of the writer thread and of
// finish() can never interleave (a line takes some tens of microseconds under QEMU).
bool write_one_record() {
    memory::InterruptsOff interrupts_off;
    Record record;
    char name[NAME_SIZE];
    if (!ring().pop(record, name))
        return false;
    char line[LINE_SIZE];
    size_t length = format_event(record, name, g_timebase, line, sizeof line - 1);
    line[length++] = '\n';
    write_text(line, length);
    ++g_records_written;
    return true;
}

intptr_t write_loop(void*) {
    while (g_state == State::Recording) {
        while (write_one_record()) {
        }
        this_thread::sleep_ms(WRITER_PERIOD_MS);
    }
    return 0;
}

libk::ErrorOr<void> start_writer() {
    ThreadId writer =
        TRY(kernel_thread::create("trace-writer", write_loop, nullptr, PRIORITY_LOWEST));
    return kernel_thread::detach(writer);
}

void write_header() {
    write_line("# scheduling trace of the teaching kernel; format: docs/trace-format.md");
    write_line("trace version=1 clock=us");
    uint64_t kilohertz = g_timebase.cycles_per_millisecond;
    write_line("# time: TSC at %llu.%03llu MHz (measured against the PIT), microseconds since "
               "power-on",
               kilohertz / 1000, kilohertz % 1000);
}

} // namespace

void initialize() {
    char value[8];
    if (!command_line::find("trace", value, sizeof value) || strcmp(value, "off") == 0)
        return;
    if (strcmp(value, "on") != 0) {
        log::warning("trace", "trace=%s: expected trace=on or trace=off; tracing stays off", value);
        return;
    }
    libk::ErrorOr<void> started = start();
    if (started.is_error())
        log::error("trace", "cannot start the trace: %s", libk::error_description(started.error()));
}

libk::ErrorOr<void> start() {
    if (g_state != State::Off)
        return {};
    auto* slots = new (std::nothrow) Slot[RING_SLOTS];
    if (slots == nullptr)
        return libk::Error::OutOfMemory;
    g_timebase = calibrate_timestamp_counter();
    bool has_output = arch::serial::initialize(arch::serial::Port::Com2);
    write_header();
    {
        memory::InterruptsOff interrupts_off;
        ring().attach(slots, RING_SLOTS);
        g_state = State::Recording;
        g_recording = true;
        record_initial_state();
    }
    // Without the writer (no memory for its stack) the ring still fills up, and finish() writes
    // what it holds at the end.
    TRY(start_writer());
    if (has_output)
        log::info("trace", "on: events go to COM2 (%zu KiB ring)",
                  RING_SLOTS * sizeof(Slot) / 1024);
    else
        log::warning("trace", "on, but there is no second serial port (COM2) to write to");
    return {};
}

void finish() {
    if (g_state != State::Recording)
        return;
    {
        memory::InterruptsOff interrupts_off;
        g_recording = false;
        g_state = State::Finished; // the writer thread stops at its next round
    }
    while (write_one_record()) {
    }
    uint32_t lost;
    uint64_t total_lost;
    {
        memory::InterruptsOff interrupts_off;
        lost = ring().take_unreported_lost();
        total_lost = ring().total_lost();
    }
    if (lost > 0)
        write_line("%llu trace_lost count=%u",
                   static_cast<unsigned long long>(
                       to_microseconds(arch::read_timestamp_counter(), g_timebase)),
                   lost);
    write_line("# end of trace: %llu events written, %llu lost", g_records_written, total_lost);
}

Statistics statistics() {
    memory::InterruptsOff interrupts_off;
    return {g_records_written, ring().total_lost(), ring().used()};
}

} // namespace trace

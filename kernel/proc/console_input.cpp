// See console_input.h.
#include "kernel/proc/console_input.h"
#include "arch/interrupts.h"
#include "arch/keyboard.h"
#include "arch/serial.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/blocking.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/process_table.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sched/thread_dump.h"
#include "kernel/sched/thread_dump_key.h"
#include "kernel/sync/interrupt_guard.h"
#include "libk/abi/types.h"
#include "libk/new.h"

namespace console_input {
namespace {

constexpr uint8_t KEYBOARD_IRQ = 1;
constexpr uint8_t SERIAL_IRQ = 4;
constexpr char CONTROL_C = 0x03;
constexpr size_t QUEUE_SIZE = 1024;
constexpr size_t READ_CHUNK = 256; // bytes taken from the queue per copy to the reader

// All protected by disabling interrupts (the interrupt handlers fill the queue).
char g_queue[QUEUE_SIZE];
size_t g_head = 0; // next byte to read
size_t g_count = 0;
uint32_t g_foreground = 0;
WaitQueue* g_readers = nullptr;
arch::keyboard::ScancodeDecoder g_decoder;

void end_foreground_process() {
    Process* process = process_table::find(g_foreground);
    // console_set_foreground never names init; this keeps Ctrl-C from ending it even so.
    if (process != nullptr && !process->is_kernel() && process != process_table::init_process())
        lifecycle::end_process(*process, ABI_WAIT_SIGNALED(ABI_SIGINT));
}

// Both handlers end with a switch to a reader they woke, if it is more urgent: otherwise a
// keystroke that arrives while the CPU idles would wait for the next timer tick.
void on_keyboard(arch::InterruptFrame&) {
    char bytes[arch::keyboard::ScancodeDecoder::MAX_BYTES];
    size_t count = g_decoder.feed(arch::keyboard::read_scancode(), bytes);
    for (size_t index = 0; index < count; ++index)
        receive(bytes[index]);
    scheduler::preempt_if_requested();
}

void on_serial(arch::InterruptFrame&) {
    while (arch::serial::has_input())
        receive(arch::serial::read_byte());
    scheduler::preempt_if_requested();
}

// Takes up to `capacity` bytes from the queue. Interrupts disabled.
size_t take(char* destination, size_t capacity) {
    size_t taken = 0;
    while (taken < capacity && g_count > 0) {
        destination[taken++] = g_queue[g_head];
        g_head = (g_head + 1) % QUEUE_SIZE;
        --g_count;
    }
    return taken;
}

} // namespace

void initialize() {
    g_readers = new (std::nothrow) WaitQueue;
    VERIFY(g_readers != nullptr);
    scheduler::stop_polling_for_thread_dump_key();
    arch::interrupts::set_irq_handler(KEYBOARD_IRQ, on_keyboard);
    arch::interrupts::set_irq_handler(SERIAL_IRQ, on_serial);
    arch::serial::enable_receive_interrupts();
}

void receive(char byte) {
    InterruptGuard guard;
    if (byte == scheduler::THREAD_DUMP_KEY) {
        scheduler::dump_threads();
        return;
    }
    if (byte == CONTROL_C && g_foreground != 0) {
        end_foreground_process();
        return;
    }
    if (byte == '\r')
        byte = '\n'; // the Enter key of both the keyboard and a terminal
    if (g_count == QUEUE_SIZE)
        return; // nobody reads: typing more is lost, as on a full terminal
    g_queue[(g_head + g_count) % QUEUE_SIZE] = byte;
    ++g_count;
    g_readers->wake_all();
}

libk::ErrorOr<size_t> read(Process& reader, uintptr_t buffer, size_t count) {
    if (count == 0)
        return 0;
    TRY(reader.check_user_range(buffer, count, memory::AddressSpace::Access::Write));
    char bytes[READ_CHUNK];
    size_t taken;
    {
        InterruptGuard guard;
        while (g_count == 0)
            TRY(blocking::wait(*g_readers, "input"));
        taken = take(bytes, count < READ_CHUNK ? count : READ_CHUNK);
    }
    TRY(reader.copy_to_user(buffer, bytes, taken));
    return taken;
}

void set_foreground(uint32_t pid) {
    InterruptGuard guard;
    g_foreground = pid;
}

uint32_t foreground() {
    return g_foreground;
}

} // namespace console_input

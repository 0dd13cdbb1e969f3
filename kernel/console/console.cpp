// See console.h. Each byte takes two paths: to the serial port exactly as printed (the terminal
// at the other end interprets the escape sequences itself), and through the ANSI parser into
// the text screen model, which the VGA renderer then copies to the screen once per write.
#include "kernel/console/console.h"
#include "arch/serial.h"
#include "arch/vga_text.h"
#include "kernel/console/ansi_parser.h"
#include "kernel/console/text_screen.h"
#include "kernel/console/vga_renderer.h"
#include "kernel/memory/layout.h"
#include "kernel/sync/spinlock.h"
#include "libk/format.h"

namespace console {
namespace {

// The console's state, all of it guarded by g_lock, which is held for a whole write or print
// (emit() for every byte, then render()): the parser and screen model below, the VGA text
// buffer and cursor registers that render() touches, and the serial port, so that two threads'
// messages do not interleave byte by byte. Interrupt handlers print too, so it is a spinlock,
// which disables interrupts while held. After take_over_for_panic() nobody takes it any more.
constinit Spinlock g_lock("console");
bool g_taken_over_for_panic = false;
constinit AnsiParser g_parser;
constinit TextScreen g_screen;
bool g_vga_ready = false;

void emit(char character) {
    // Terminals expect "\r\n"; the screen model treats '\n' as a whole new line by itself.
    if (character == '\n')
        arch::serial::write_byte('\r');
    arch::serial::write_byte(character);
    g_screen.apply(g_parser.feed(static_cast<uint8_t>(character)));
}

void render() {
    if (g_vga_ready)
        render_to_vga(g_screen);
}

} // namespace

// The lock is taken only by the outermost Hold on a CPU: one that holds it already (a log line
// made of several prints) goes on, and while it holds it no other CPU or interrupt can.
Hold::Hold() : m_locked(!g_taken_over_for_panic && !g_lock.is_held_by_this_cpu()) {
    if (m_locked)
        g_lock.lock();
}

Hold::~Hold() {
    if (m_locked)
        g_lock.unlock();
}

void initialize() {
    arch::serial::initialize();
    arch::vga_text::initialize(
        memory::physical_to_virtual(arch::vga_text::BUFFER_PHYSICAL_ADDRESS));
    g_vga_ready = true;
    render();
}

void put(char character) {
    Hold hold;
    emit(character);
    render();
}

void write(const char* text, size_t length) {
    Hold hold;
    for (size_t i = 0; i < length; ++i)
        emit(text[i]);
    render();
}

int vprint(const char* format, va_list arguments) {
    Hold hold;
    int count =
        libk::vformat([](char character, void*) { emit(character); }, nullptr, format, arguments);
    render();
    return count;
}

void take_over_for_panic() {
    // Interrupts are off and stay off: nothing else runs on this CPU any more.
    g_taken_over_for_panic = true;
}

int print(const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int count = vprint(format, arguments);
    va_end(arguments);
    return count;
}

} // namespace console

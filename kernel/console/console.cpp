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
#include "libk/format.h"

namespace console {
namespace {

// The console's state. Nothing guards it yet: the kernel is not preempted and runs on one CPU.
// Once threads can be preempted, one lock must cover all of it, held for a whole write or print
// (emit() for every byte, then render()): the parser and screen model below, the VGA text
// buffer and cursor registers that render() touches, and the serial port, so that two threads'
// messages do not interleave byte by byte. Interrupt handlers and panic() print too, so it has
// to be a spinlock that disables interrupts, and panic() must be able to take over a console
// whose lock is held by the CPU that panicked.
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

void initialize() {
    arch::serial::initialize();
    arch::vga_text::initialize(
        memory::physical_to_virtual(arch::vga_text::BUFFER_PHYSICAL_ADDRESS));
    g_vga_ready = true;
    render();
}

void put(char character) {
    emit(character);
    render();
}

void write(const char* text, size_t length) {
    for (size_t i = 0; i < length; ++i)
        emit(text[i]);
    render();
}

int vprint(const char* format, va_list arguments) {
    int count =
        libk::vformat([](char character, void*) { emit(character); }, nullptr, format, arguments);
    render();
    return count;
}

int print(const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int count = vprint(format, arguments);
    va_end(arguments);
    return count;
}

} // namespace console

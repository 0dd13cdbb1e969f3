// The kernel console: every byte goes to the serial port unchanged and to the VGA text screen
// through an ANSI escape interpreter, so one byte stream looks the same in a terminal and on the
// screen. Everything the kernel prints goes through here.
//
// Understood on both sides: colours and bold/reverse (ESC [ ... m), cursor movement
// (ESC [ row ; column H, A B C D), erasing (ESC [ J, ESC [ K), save/restore cursor, hiding the
// cursor (ESC [ ? 25 l / h), UTF-8 text (box-drawing characters show on VGA too). See
// kernel/console/text_screen.h for the details.
#pragma once

#include "libk/types.h"

namespace console {

// Sets up the serial port and the VGA screen (cleared). Call once, before printing.
void initialize();
// Each call below updates the VGA screen once, after all of its bytes.
void write(const char* text, size_t length);
void put(char character);
int print(const char* format, ...) __attribute__((format(printf, 1, 2)));
int vprint(const char* format, va_list arguments);

// Several threads (and interrupt handlers) print, so each call above holds the console's lock
// for all of its bytes: messages never mix byte by byte. Code that prints one message in
// several calls (a log line) keeps them together with a Hold for the whole message:
//
//     console::Hold hold;          // nothing else prints until the end of the scope
//     console::print("[%u] ", time);
//     console::print("%s\n", text);
//
// Interrupts stay off while the console is held, so keep it short.
class [[nodiscard]] Hold {
public:
    Hold();
    ~Hold();
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

private:
    bool m_locked;
};

// A panic must print even when the lock is held (by the code that panicked, or by a thread that
// will never run again): it calls this first, and from then on the console takes no lock.
void take_over_for_panic();

} // namespace console

// Console input: one queue of typed bytes, fed from the keyboard (IRQ 1, through the PS/2
// decoder) and from the serial port (IRQ 4), and read by programs through handle 0. Reads are
// raw: no echo, no line editing (the shell does both); Enter arrives as '\n' from either side.
//
// Two keys act at once instead of being queued: Ctrl-C ends the foreground process (the one the
// shell waits for, console_set_foreground) with SIGINT, and Ctrl-T prints the thread dump.
// Without a foreground process Ctrl-C arrives as the byte 0x03.
#pragma once

#include "libk/error_or.h"

class Process;

namespace console_input {

// Takes over both input sources (the timer tick stops polling the serial port). Once, at boot.
void initialize();

// Reads up to `count` bytes into `buffer` (user memory of `reader`), waiting until at least one
// byte is there. BadAddress for a buffer that cannot be written; Interrupted when the reader's
// process ends while it waits.
libk::ErrorOr<size_t> read(Process& reader, uintptr_t buffer, size_t count);

// The process Ctrl-C ends (0 for none).
void set_foreground(uint32_t pid);
uint32_t foreground();

// Feeds bytes as if they had been typed (kernel tests).
void receive(char byte);

} // namespace console_input

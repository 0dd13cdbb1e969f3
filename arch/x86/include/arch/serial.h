// The 16550 serial ports, 115200 baud, 8 data bits, no parity, 1 stop bit. COM1 carries every
// byte the console prints, which is how tests and `make run NOGRAPHIC=1` see the kernel; COM2
// carries the scheduling trace when it is on (kernel/trace/), so the two never mix.
#pragma once

#include <stddef.h>

namespace arch::serial {

enum class Port { Com1, Com2 };

// Sets the port up; false when there is no UART behind it (QEMU creates COM2 only when given a
// second -serial option). Writing to a missing port does nothing.
bool initialize(Port port);
void write_byte(Port port, char byte);
// Writes `length` bytes, a transmit FIFO's worth (16) per wait for the port to be ready.
void write_bytes(Port port, const char* bytes, size_t length);
bool is_present(Port port);

// COM1, the console's port.
void initialize();
void write_byte(char byte);
// Input, for the shell and for debug commands: true when a byte is waiting.
bool has_input();
char read_byte();
// Makes the UART raise IRQ 4 whenever a byte arrives (the console's input queue reads it then).
void enable_receive_interrupts();

} // namespace arch::serial

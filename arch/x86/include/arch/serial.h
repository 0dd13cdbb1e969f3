// The first serial port (COM1), 115200 baud, 8 data bits, no parity, 1 stop bit. It carries every
// byte the console prints, which is how tests and `make run NOGRAPHIC=1` see the kernel.
#pragma once

namespace arch::serial {

void initialize();
void write_byte(char byte);
// Input, for the shell and for debug commands: true when a byte is waiting.
bool has_input();
char read_byte();
// Makes the UART raise IRQ 4 whenever a byte arrives (the console's input queue reads it then).
void enable_receive_interrupts();

} // namespace arch::serial

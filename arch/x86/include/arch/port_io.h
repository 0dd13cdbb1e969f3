// x86 I/O ports: the in/out instructions that talk to the PIC, PIT, UART, VGA registers and
// QEMU's debug-exit device. Only code under arch/x86/ includes this.
#pragma once

#include <stdint.h>

namespace arch {

inline void write_port_byte(uint16_t port, uint8_t value) {
    asm volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

inline uint8_t read_port_byte(uint16_t port) {
    uint8_t value;
    asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

inline void write_port_word(uint16_t port, uint16_t value) {
    asm volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

inline uint16_t read_port_word(uint16_t port) {
    uint16_t value;
    asm volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

inline void write_port_dword(uint16_t port, uint32_t value) {
    asm volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

// A write to an unused port takes about a microsecond: old devices (the 8259) need that pause
// between commands.
inline void io_wait() {
    write_port_byte(0x80, 0);
}

} // namespace arch

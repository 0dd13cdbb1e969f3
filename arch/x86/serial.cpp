// Driver for the 16550 UART at COM1. Register offsets and bits from the 16550 data sheet.
#include "arch/serial.h"
#include "arch/port_io.h"

namespace arch::serial {
namespace {

constexpr uint16_t COM1 = 0x3F8;
constexpr uint16_t DATA = COM1 + 0;             // receive/transmit buffer (divisor low w/ DLAB)
constexpr uint16_t INTERRUPT_ENABLE = COM1 + 1; // (divisor high with DLAB)
constexpr uint16_t FIFO_CONTROL = COM1 + 2;
constexpr uint16_t LINE_CONTROL = COM1 + 3;
constexpr uint16_t MODEM_CONTROL = COM1 + 4;
constexpr uint16_t LINE_STATUS = COM1 + 5;

constexpr uint8_t LINE_DIVISOR_LATCH = 0x80;
constexpr uint8_t LINE_8N1 = 0x03;
constexpr uint8_t FIFO_ENABLE_AND_CLEAR_14_BYTES = 0xC7;
constexpr uint8_t MODEM_READY = 0x03;             // DTR + RTS
constexpr uint8_t MODEM_INTERRUPTS_TO_PIC = 0x08; // OUT2: on a PC it connects the UART's IRQ
constexpr uint8_t INTERRUPT_ON_DATA_AVAILABLE = 0x01;
constexpr uint8_t STATUS_DATA_READY = 0x01;
constexpr uint8_t STATUS_TRANSMIT_EMPTY = 0x20;
constexpr uint16_t DIVISOR_115200 = 1; // 115200 / 115200

bool g_present = false;

} // namespace

void initialize() {
    write_port_byte(INTERRUPT_ENABLE, 0x00); // polled: no UART interrupts yet
    write_port_byte(LINE_CONTROL, LINE_DIVISOR_LATCH);
    write_port_byte(DATA, DIVISOR_115200 & 0xFF);
    write_port_byte(INTERRUPT_ENABLE, DIVISOR_115200 >> 8);
    write_port_byte(LINE_CONTROL, LINE_8N1);
    write_port_byte(FIFO_CONTROL, FIFO_ENABLE_AND_CLEAR_14_BYTES);
    write_port_byte(MODEM_CONTROL, MODEM_READY);
    // A missing UART reads back 0xFF from every register.
    g_present = read_port_byte(LINE_STATUS) != 0xFF;
}

void write_byte(char byte) {
    if (!g_present)
        return;
    while ((read_port_byte(LINE_STATUS) & STATUS_TRANSMIT_EMPTY) == 0) {
    }
    write_port_byte(DATA, static_cast<uint8_t>(byte));
}

bool has_input() {
    return g_present && (read_port_byte(LINE_STATUS) & STATUS_DATA_READY) != 0;
}

char read_byte() {
    while (!has_input()) {
    }
    return static_cast<char>(read_port_byte(DATA));
}

void enable_receive_interrupts() {
    if (!g_present)
        return;
    write_port_byte(MODEM_CONTROL, MODEM_READY | MODEM_INTERRUPTS_TO_PIC);
    write_port_byte(INTERRUPT_ENABLE, INTERRUPT_ON_DATA_AVAILABLE);
}

} // namespace arch::serial

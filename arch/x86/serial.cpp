// Driver for the 16550 UARTs at COM1 and COM2. Register offsets and bits from the 16550 data
// sheet; both ports have the same registers at their own base address.
#include "arch/serial.h"
#include "arch/port_io.h"

namespace arch::serial {
namespace {

constexpr uint16_t COM1_BASE = 0x3F8;
constexpr uint16_t COM2_BASE = 0x2F8;

// Register offsets from the base address.
constexpr uint16_t DATA = 0;             // receive/transmit buffer (divisor low with DLAB)
constexpr uint16_t INTERRUPT_ENABLE = 1; // (divisor high with DLAB)
constexpr uint16_t FIFO_CONTROL = 2;
constexpr uint16_t LINE_CONTROL = 3;
constexpr uint16_t MODEM_CONTROL = 4;
constexpr uint16_t LINE_STATUS = 5;

constexpr uint8_t LINE_DIVISOR_LATCH = 0x80;
constexpr uint8_t LINE_8N1 = 0x03;
constexpr uint8_t FIFO_ENABLE_AND_CLEAR_14_BYTES = 0xC7;
constexpr uint8_t MODEM_READY = 0x03;             // DTR + RTS
constexpr uint8_t MODEM_INTERRUPTS_TO_PIC = 0x08; // OUT2: on a PC it connects the UART's IRQ
constexpr uint8_t INTERRUPT_ON_DATA_AVAILABLE = 0x01;
constexpr uint8_t STATUS_DATA_READY = 0x01;
constexpr uint8_t STATUS_TRANSMIT_EMPTY = 0x20;
constexpr uint16_t DIVISOR_115200 = 1; // 115200 / 115200
// With the FIFO on, "transmit empty" means the whole 16-byte transmit FIFO is empty.
constexpr size_t TRANSMIT_FIFO_SIZE = 16;

struct PortState {
    uint16_t base;
    bool present;
};

PortState g_ports[] = {{COM1_BASE, false}, {COM2_BASE, false}};

PortState& state_of(Port port) {
    return g_ports[static_cast<int>(port)];
}

void wait_until_transmit_empty(const PortState& state) {
    while ((read_port_byte(state.base + LINE_STATUS) & STATUS_TRANSMIT_EMPTY) == 0) {
    }
}

} // namespace

bool initialize(Port port) {
    PortState& state = state_of(port);
    uint16_t base = state.base;
    write_port_byte(base + INTERRUPT_ENABLE, 0x00); // polled until enable_receive_interrupts()
    write_port_byte(base + LINE_CONTROL, LINE_DIVISOR_LATCH);
    write_port_byte(base + DATA, DIVISOR_115200 & 0xFF);
    write_port_byte(base + INTERRUPT_ENABLE, DIVISOR_115200 >> 8);
    write_port_byte(base + LINE_CONTROL, LINE_8N1);
    write_port_byte(base + FIFO_CONTROL, FIFO_ENABLE_AND_CLEAR_14_BYTES);
    write_port_byte(base + MODEM_CONTROL, MODEM_READY);
    // A missing UART reads back 0xFF from every register.
    state.present = read_port_byte(base + LINE_STATUS) != 0xFF;
    return state.present;
}

bool is_present(Port port) {
    return state_of(port).present;
}

void write_byte(Port port, char byte) {
    const PortState& state = state_of(port);
    if (!state.present)
        return;
    wait_until_transmit_empty(state);
    write_port_byte(state.base + DATA, static_cast<uint8_t>(byte));
}

void write_bytes(Port port, const char* bytes, size_t length) {
    const PortState& state = state_of(port);
    if (!state.present)
        return;
    for (size_t done = 0; done < length;) {
        wait_until_transmit_empty(state);
        for (size_t i = 0; i < TRANSMIT_FIFO_SIZE && done < length; ++i, ++done)
            write_port_byte(state.base + DATA, static_cast<uint8_t>(bytes[done]));
    }
}

void initialize() {
    initialize(Port::Com1);
}

void write_byte(char byte) {
    write_byte(Port::Com1, byte);
}

bool has_input() {
    const PortState& com1 = state_of(Port::Com1);
    return com1.present && (read_port_byte(com1.base + LINE_STATUS) & STATUS_DATA_READY) != 0;
}

char read_byte() {
    while (!has_input()) {
    }
    return static_cast<char>(read_port_byte(COM1_BASE + DATA));
}

void enable_receive_interrupts() {
    const PortState& com1 = state_of(Port::Com1);
    if (!com1.present)
        return;
    write_port_byte(com1.base + MODEM_CONTROL, MODEM_READY | MODEM_INTERRUPTS_TO_PIC);
    write_port_byte(com1.base + INTERRUPT_ENABLE, INTERRUPT_ON_DATA_AVAILABLE);
}

} // namespace arch::serial

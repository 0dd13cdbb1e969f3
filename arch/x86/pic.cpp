// Driver for the two 8259A PICs (see arch/pic.h). Command words from the 8259A data sheet:
// ICW1-ICW4 initialize, OCW1 is the mask register, OCW2 the end-of-interrupt command, OCW3
// selects which register a read of the command port returns.
#include "arch/pic.h"
#include "arch/cpu.h"
#include "arch/idt.h"
#include "arch/port_io.h"
#include "kernel/debug/log.h"

namespace arch::pic {
namespace {

constexpr uint16_t MASTER_COMMAND = 0x20;
constexpr uint16_t MASTER_DATA = 0x21;
constexpr uint16_t SLAVE_COMMAND = 0xA0;
constexpr uint16_t SLAVE_DATA = 0xA1;

constexpr uint8_t ICW1_INITIALIZE_WITH_ICW4 = 0x11;
constexpr uint8_t ICW3_MASTER_SLAVE_ON_IRQ2 = 1u << 2; // bit mask of the master's input
constexpr uint8_t ICW3_SLAVE_IDENTITY = 2;             // number of the master's input
constexpr uint8_t ICW4_8086_MODE = 0x01;
constexpr uint8_t OCW2_END_OF_INTERRUPT = 0x20;
constexpr uint8_t OCW3_READ_IN_SERVICE = 0x0B;

constexpr uint8_t CASCADE_IRQ = 2;
constexpr uint8_t SPURIOUS_LINE = 7; // lowest priority input of each controller

// Counted in interrupt context; read anywhere (a 32-bit read is atomic).
volatile uint32_t g_spurious_count = 0;

uint16_t data_port(uint8_t irq) {
    return irq < 8 ? MASTER_DATA : SLAVE_DATA;
}

uint8_t in_service(uint16_t command_port) {
    write_port_byte(command_port, OCW3_READ_IN_SERVICE);
    return read_port_byte(command_port);
}

enum class Line { Masked, Unmasked };

// The mask register is read, changed and written back: no interrupt may do the same meanwhile.
void set_line(uint8_t irq, Line state) {
    bool were_enabled = interrupts_enabled();
    disable_interrupts();
    uint16_t port = data_port(irq);
    uint8_t bit = static_cast<uint8_t>(1u << (irq % 8));
    uint8_t value = read_port_byte(port);
    write_port_byte(port, state == Line::Masked ? (value | bit) : (value & ~bit));
    if (were_enabled)
        enable_interrupts();
}

void send_initialization(uint16_t command, uint16_t data, uint8_t vector_base, uint8_t wiring) {
    write_port_byte(command, ICW1_INITIALIZE_WITH_ICW4);
    io_wait();
    write_port_byte(data, vector_base); // ICW2
    io_wait();
    write_port_byte(data, wiring); // ICW3
    io_wait();
    write_port_byte(data, ICW4_8086_MODE);
    io_wait();
}

} // namespace

void initialize() {
    send_initialization(MASTER_COMMAND, MASTER_DATA, IRQ_BASE_VECTOR, ICW3_MASTER_SLAVE_ON_IRQ2);
    send_initialization(SLAVE_COMMAND, SLAVE_DATA, IRQ_BASE_VECTOR + 8, ICW3_SLAVE_IDENTITY);
    // Every line stays masked until a driver registers a handler for it.
    write_port_byte(MASTER_DATA, static_cast<uint8_t>(~(1u << CASCADE_IRQ)));
    write_port_byte(SLAVE_DATA, 0xFF);
    log::info("pic", "8259 PICs remapped to vectors %u-%u, all IRQs masked", IRQ_BASE_VECTOR,
              IRQ_BASE_VECTOR + IRQ_COUNT - 1);
}

void mask(uint8_t irq) {
    set_line(irq, Line::Masked);
}

void unmask(uint8_t irq) {
    set_line(irq, Line::Unmasked);
}

void end_of_interrupt(uint8_t irq) {
    if (irq >= 8)
        write_port_byte(SLAVE_COMMAND, OCW2_END_OF_INTERRUPT);
    write_port_byte(MASTER_COMMAND, OCW2_END_OF_INTERRUPT);
}

bool is_spurious(uint8_t irq) {
    if (irq % 8 != SPURIOUS_LINE)
        return false;
    uint16_t command = irq < 8 ? MASTER_COMMAND : SLAVE_COMMAND;
    if (in_service(command) & (1u << SPURIOUS_LINE))
        return false; // a real IRQ 7 or 15
    // The slave raised nothing, but the master did deliver its IRQ 2 and waits for the EOI.
    if (irq >= 8)
        write_port_byte(MASTER_COMMAND, OCW2_END_OF_INTERRUPT);
    g_spurious_count = g_spurious_count + 1;
    return true;
}

uint32_t spurious_count() {
    return g_spurious_count;
}

} // namespace arch::pic

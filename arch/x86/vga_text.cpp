// See arch/vga_text.h. The text buffer holds one 16-bit word per cell: the glyph in the low
// byte, the attribute in the high byte (foreground in bits 0-3, background in bits 4-7). The
// cursor and the blink bit live in registers of the CRT controller and the attribute
// controller, reached through I/O ports (register numbers from the IBM VGA reference).
#include "arch/vga_text.h"
#include "arch/port_io.h"

namespace arch::vga_text {
namespace {

// CRT controller: write a register number to the index port, then read or write the data port.
// 0x3D4 is its address in colour modes (0x3B4 in monochrome ones, which this kernel never uses).
constexpr uint16_t CRTC_INDEX = 0x3D4;
constexpr uint16_t CRTC_DATA = 0x3D5;
constexpr uint8_t CRTC_CURSOR_START = 0x0A; // bit 5: cursor off; bits 0-4: first scan line
constexpr uint8_t CRTC_CURSOR_END = 0x0B;   // bits 0-4: last scan line
constexpr uint8_t CRTC_CURSOR_LOCATION_HIGH = 0x0E;
constexpr uint8_t CRTC_CURSOR_LOCATION_LOW = 0x0F;
constexpr uint8_t CURSOR_DISABLE = 1 << 5;
// An underline cursor on the last two scan lines of the 16-line character cell.
constexpr uint8_t CURSOR_FIRST_SCAN_LINE = 14;
constexpr uint8_t CURSOR_LAST_SCAN_LINE = 15;

// Attribute controller: one port for both index and data, alternating on each write; reading
// the input status register resets it to "index next". Bit 5 of the index keeps the display
// on while we program it.
constexpr uint16_t ATTRIBUTE_INDEX_AND_DATA = 0x3C0;
constexpr uint16_t ATTRIBUTE_DATA_READ = 0x3C1;
constexpr uint16_t INPUT_STATUS_1 = 0x3DA;
constexpr uint8_t ATTRIBUTE_KEEP_DISPLAY_ON = 1 << 5;
constexpr uint8_t ATTRIBUTE_MODE_CONTROL = 0x10;
constexpr uint8_t MODE_CONTROL_BLINK = 1 << 3;

volatile uint16_t* g_buffer = nullptr;

uint8_t read_crtc(uint8_t index) {
    write_port_byte(CRTC_INDEX, index);
    return read_port_byte(CRTC_DATA);
}

void write_crtc(uint8_t index, uint8_t value) {
    write_port_byte(CRTC_INDEX, index);
    write_port_byte(CRTC_DATA, value);
}

void use_bright_backgrounds_instead_of_blinking() {
    read_port_byte(INPUT_STATUS_1);
    write_port_byte(ATTRIBUTE_INDEX_AND_DATA, ATTRIBUTE_MODE_CONTROL | ATTRIBUTE_KEEP_DISPLAY_ON);
    uint8_t mode = read_port_byte(ATTRIBUTE_DATA_READ);
    write_port_byte(ATTRIBUTE_INDEX_AND_DATA, mode & ~MODE_CONTROL_BLINK);
}

bool on_screen(int column, int row) {
    return g_buffer != nullptr && column >= 0 && column < COLUMNS && row >= 0 && row < ROWS;
}

uint16_t encode(Cell cell) {
    uint8_t attribute = static_cast<uint8_t>(cell.foreground) |
                        static_cast<uint8_t>(static_cast<uint8_t>(cell.background) << 4);
    return static_cast<uint16_t>(cell.glyph | attribute << 8);
}

} // namespace

void initialize(void* mapped_buffer) {
    g_buffer = static_cast<volatile uint16_t*>(mapped_buffer);
    use_bright_backgrounds_instead_of_blinking();
    write_crtc(CRTC_CURSOR_END, (read_crtc(CRTC_CURSOR_END) & 0xE0) | CURSOR_LAST_SCAN_LINE);
    clear(Colour::Black);
    move_cursor(0, 0);
    set_cursor_visibility(CursorVisibility::Shown);
}

void write_cell(int column, int row, Cell cell) {
    if (on_screen(column, row))
        g_buffer[row * COLUMNS + column] = encode(cell);
}

Cell read_cell(int column, int row) {
    if (!on_screen(column, row))
        return Cell{' ', Colour::LightGrey, Colour::Black};
    uint16_t word = g_buffer[row * COLUMNS + column];
    return Cell{static_cast<uint8_t>(word & 0xFF), static_cast<Colour>((word >> 8) & 0x0F),
                static_cast<Colour>(word >> 12)};
}

void clear(Colour background) {
    for (int row = 0; row < ROWS; ++row) {
        for (int column = 0; column < COLUMNS; ++column)
            write_cell(column, row, Cell{' ', Colour::LightGrey, background});
    }
}

// The cursor location is a cell index (row * COLUMNS + column), split over two registers.
void move_cursor(int column, int row) {
    if (!on_screen(column, row))
        return;
    uint16_t location = static_cast<uint16_t>(row * COLUMNS + column);
    write_crtc(CRTC_CURSOR_LOCATION_HIGH, static_cast<uint8_t>(location >> 8));
    write_crtc(CRTC_CURSOR_LOCATION_LOW, static_cast<uint8_t>(location & 0xFF));
}

CursorPosition cursor_position() {
    uint16_t location = static_cast<uint16_t>(read_crtc(CRTC_CURSOR_LOCATION_HIGH) << 8 |
                                              read_crtc(CRTC_CURSOR_LOCATION_LOW));
    return CursorPosition{location % COLUMNS, location / COLUMNS};
}

void set_cursor_visibility(CursorVisibility visibility) {
    uint8_t start = (read_crtc(CRTC_CURSOR_START) & 0xC0) | CURSOR_FIRST_SCAN_LINE;
    if (visibility == CursorVisibility::Hidden)
        start |= CURSOR_DISABLE;
    write_crtc(CRTC_CURSOR_START, start);
}

CursorVisibility cursor_visibility() {
    return (read_crtc(CRTC_CURSOR_START) & CURSOR_DISABLE) ? CursorVisibility::Hidden
                                                           : CursorVisibility::Shown;
}

} // namespace arch::vga_text

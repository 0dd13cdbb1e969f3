// arch::vga_text::glyph_for (see arch/vga_text.h): which glyph of the VGA's built-in font, code
// page 437, shows a Unicode character. Pure logic, so the host tests check it too. This is what
// lets a demo draw boxes with UTF-8 line characters that look the same in a terminal and on
// the VGA screen.
#include "arch/vga_text.h"

namespace arch::vga_text {
namespace {

// The Unicode character of each glyph 0x80-0xFF of code page 437.
constexpr uint16_t UPPER_HALF[128] = {
    // 0x80: accented letters
    0x00C7,
    0x00FC,
    0x00E9,
    0x00E2,
    0x00E4,
    0x00E0,
    0x00E5,
    0x00E7,
    0x00EA,
    0x00EB,
    0x00E8,
    0x00EF,
    0x00EE,
    0x00EC,
    0x00C4,
    0x00C5,
    // 0x90
    0x00C9,
    0x00E6,
    0x00C6,
    0x00F4,
    0x00F6,
    0x00F2,
    0x00FB,
    0x00F9,
    0x00FF,
    0x00D6,
    0x00DC,
    0x00A2,
    0x00A3,
    0x00A5,
    0x20A7,
    0x0192,
    // 0xA0
    0x00E1,
    0x00ED,
    0x00F3,
    0x00FA,
    0x00F1,
    0x00D1,
    0x00AA,
    0x00BA,
    0x00BF,
    0x2310,
    0x00AC,
    0x00BD,
    0x00BC,
    0x00A1,
    0x00AB,
    0x00BB,
    // 0xB0: shades, then box drawing
    0x2591,
    0x2592,
    0x2593,
    0x2502,
    0x2524,
    0x2561,
    0x2562,
    0x2556,
    0x2555,
    0x2563,
    0x2551,
    0x2557,
    0x255D,
    0x255C,
    0x255B,
    0x2510,
    // 0xC0
    0x2514,
    0x2534,
    0x252C,
    0x251C,
    0x2500,
    0x253C,
    0x255E,
    0x255F,
    0x255A,
    0x2554,
    0x2569,
    0x2566,
    0x2560,
    0x2550,
    0x256C,
    0x2567,
    // 0xD0: box drawing, then blocks
    0x2568,
    0x2564,
    0x2565,
    0x2559,
    0x2558,
    0x2552,
    0x2553,
    0x256B,
    0x256A,
    0x2518,
    0x250C,
    0x2588,
    0x2584,
    0x258C,
    0x2590,
    0x2580,
    // 0xE0: Greek letters and mathematics
    0x03B1,
    0x00DF,
    0x0393,
    0x03C0,
    0x03A3,
    0x03C3,
    0x00B5,
    0x03C4,
    0x03A6,
    0x0398,
    0x03A9,
    0x03B4,
    0x221E,
    0x03C6,
    0x03B5,
    0x2229,
    // 0xF0
    0x2261,
    0x00B1,
    0x2265,
    0x2264,
    0x2320,
    0x2321,
    0x00F7,
    0x2248,
    0x00B0,
    0x2219,
    0x00B7,
    0x221A,
    0x207F,
    0x00B2,
    0x25A0,
    0x00A0,
};

struct LookAlike {
    uint16_t code_point;
    uint8_t glyph;
};

// Characters without a glyph of their own, and the glyph that stands in for them. Glyphs
// below 0x20 are the font's symbols (the card shows them; only the terminal treats those
// bytes as control characters).
constexpr LookAlike LOOK_ALIKES[] = {
    {0x2022, 0x07},                 // • bullet
    {0x25BA, 0x10},                 // ► pointer right
    {0x25B6, 0x10},                 // ▶
    {0x25C4, 0x11},                 // ◄ pointer left
    {0x25C0, 0x11},                 // ◀
    {0x2191, 0x18},                 // ↑
    {0x2193, 0x19},                 // ↓
    {0x2192, 0x1A},                 // →
    {0x2190, 0x1B},                 // ←
    {0x2713, 0xFB},                 // ✓ check mark, shown as √
    {0x2714, 0xFB},                 // ✔
    {0x256D, 0xDA},                 // ╭ rounded corners, shown square
    {0x256E, 0xBF},                 // ╮
    {0x256F, 0xD9},                 // ╯
    {0x2570, 0xC0},                 // ╰
    {0x2212, '-'},                  // − minus sign
    {0x2013, '-'},                  // – en dash
    {0x2014, '-'},                  // — em dash
    {0x2018, '\''},                 // ‘ ’ quotes
    {0x2019, '\''}, {0x201C, '"'},  // “ ”
    {0x201D, '"'},  {0x2026, 0xFA}, // … shown as a single middle dot
    {0x00D7, 'x'},                  // × multiplication sign
};

} // namespace

uint8_t glyph_for(uint32_t code_point) {
    if (code_point >= 0x20 && code_point < 0x7F)
        return static_cast<uint8_t>(code_point);
    for (int index = 0; index < 128; ++index) {
        if (UPPER_HALF[index] == code_point)
            return static_cast<uint8_t>(0x80 + index);
    }
    for (const LookAlike& look_alike : LOOK_ALIKES) {
        if (look_alike.code_point == code_point)
            return look_alike.glyph;
    }
    return '?';
}

} // namespace arch::vga_text

// Host tests of the Unicode to VGA font (code page 437) translation the console uses to show
// UTF-8 text on the VGA screen.
#include "arch/vga_text.h"
#include <gtest/gtest.h>

namespace {

using arch::vga_text::glyph_for;

TEST(VgaTextGlyphs, AsciiIsItself) {
    for (uint32_t character = 0x20; character < 0x7F; ++character)
        EXPECT_EQ(glyph_for(character), character);
}

TEST(VgaTextGlyphs, CodePage437Characters) {
    EXPECT_EQ(glyph_for(0x00E9), 0x82); // é
    EXPECT_EQ(glyph_for(0x00C7), 0x80); // Ç, the first of the upper half
    EXPECT_EQ(glyph_for(0x00A0), 0xFF); // no-break space, the last
    EXPECT_EQ(glyph_for(0x2500), 0xC4); // ─
    EXPECT_EQ(glyph_for(0x2502), 0xB3); // │
    EXPECT_EQ(glyph_for(0x250C), 0xDA); // ┌
    EXPECT_EQ(glyph_for(0x2518), 0xD9); // ┘
    EXPECT_EQ(glyph_for(0x2550), 0xCD); // ═
    EXPECT_EQ(glyph_for(0x2588), 0xDB); // █
    EXPECT_EQ(glyph_for(0x2591), 0xB0); // ░
    EXPECT_EQ(glyph_for(0x03C0), 0xE3); // π
    EXPECT_EQ(glyph_for(0x00B0), 0xF8); // °
}

TEST(VgaTextGlyphs, LookAlikes) {
    EXPECT_EQ(glyph_for(0x2022), 0x07); // • bullet
    EXPECT_EQ(glyph_for(0x2192), 0x1A); // →
    EXPECT_EQ(glyph_for(0x2713), 0xFB); // ✓ as √
    EXPECT_EQ(glyph_for(0x256D), 0xDA); // ╭ as ┌
    EXPECT_EQ(glyph_for(0x2014), '-');  // —
}

TEST(VgaTextGlyphs, EverythingElseIsAQuestionMark) {
    EXPECT_EQ(glyph_for(0x4E2D), '?');  // 中
    EXPECT_EQ(glyph_for(0xFFFD), '?');  // the replacement character
    EXPECT_EQ(glyph_for(0x1F600), '?'); // outside the Basic Multilingual Plane
    EXPECT_EQ(glyph_for(0x7F), '?');    // DEL has no picture
    EXPECT_EQ(glyph_for(0x0A), '?');    // nor do control characters
}

} // namespace

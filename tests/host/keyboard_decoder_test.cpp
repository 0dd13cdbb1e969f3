// Host tests of the PS/2 scancode decoder: which bytes key presses and releases turn into.
#include "arch/keyboard.h"
#include <gtest/gtest.h>
#include <initializer_list>
#include <string>

namespace {

using arch::keyboard::ScancodeDecoder;

// Feeds scancodes and returns every byte they produced.
std::string type(ScancodeDecoder& decoder, std::initializer_list<uint8_t> scancodes) {
    std::string typed;
    for (uint8_t scancode : scancodes) {
        char bytes[ScancodeDecoder::MAX_BYTES];
        size_t count = decoder.feed(scancode, bytes);
        EXPECT_LE(count, ScancodeDecoder::MAX_BYTES);
        typed.append(bytes, count);
    }
    return typed;
}

constexpr uint8_t release(uint8_t code) {
    return code | 0x80;
}

constexpr uint8_t A = 0x1E, C = 0x2E, ONE = 0x02, ENTER = 0x1C, BACKSPACE = 0x0E, SPACE = 0x39;
constexpr uint8_t LEFT_SHIFT = 0x2A, RIGHT_SHIFT = 0x36, CONTROL = 0x1D, CAPS_LOCK = 0x3A;

TEST(KeyboardDecoder, LettersDigitsAndReleases) {
    ScancodeDecoder decoder;
    EXPECT_EQ(type(decoder, {A, release(A), ONE, release(ONE), SPACE, release(SPACE)}), "a1 ");
}

TEST(KeyboardDecoder, EnterAndBackspaceAreWhatATerminalSends) {
    ScancodeDecoder decoder;
    EXPECT_EQ(type(decoder, {ENTER, BACKSPACE, 0x01, 0x0F}), "\r\x7f\x1b\t");
}

TEST(KeyboardDecoder, EitherShiftWhileHeld) {
    ScancodeDecoder decoder;
    EXPECT_EQ(type(decoder, {LEFT_SHIFT, A, ONE, release(LEFT_SHIFT), A}), "A!a");
    EXPECT_EQ(type(decoder, {RIGHT_SHIFT, 0x28, 0x35, release(RIGHT_SHIFT), 0x28}), "\"?'");
}

TEST(KeyboardDecoder, CapsLockTogglesLettersOnly) {
    ScancodeDecoder decoder;
    EXPECT_EQ(type(decoder, {CAPS_LOCK, release(CAPS_LOCK), A, ONE}), "A1");
    EXPECT_EQ(type(decoder, {LEFT_SHIFT, A, release(LEFT_SHIFT)}), "a");
    EXPECT_EQ(type(decoder, {CAPS_LOCK, release(CAPS_LOCK), A}), "a");
}

TEST(KeyboardDecoder, ControlLetters) {
    ScancodeDecoder decoder;
    const std::string control_c = "\x03", control_a = "\x01";
    EXPECT_EQ(type(decoder, {CONTROL, C, release(C), release(CONTROL), C}), control_c + "c");
    // The right Control key comes with the 0xE0 prefix.
    EXPECT_EQ(type(decoder, {0xE0, CONTROL, A, 0xE0, release(CONTROL), A}), control_a + "a");
}

TEST(KeyboardDecoder, ArrowsAndEditingKeysSendEscapeSequences) {
    ScancodeDecoder decoder;
    EXPECT_EQ(type(decoder, {0xE0, 0x48, 0xE0, release(0x48)}), "\x1b[A");
    EXPECT_EQ(type(decoder, {0xE0, 0x4B}), "\x1b[D");
    EXPECT_EQ(type(decoder, {0xE0, 0x53}), "\x1b[3~");
    EXPECT_EQ(type(decoder, {0xE0, 0x1C, 0xE0, 0x35}), "\r/");
}

TEST(KeyboardDecoder, KeypadTypesDigits) {
    ScancodeDecoder decoder;
    EXPECT_EQ(type(decoder, {0x47, 0x4F, 0x52, 0x53, 0x4A, 0x4E, 0x37}), "710.-+*");
}

TEST(KeyboardDecoder, KeysWithoutATerminalMeaningProduceNothing) {
    ScancodeDecoder decoder;
    // Alt, F1, F12, Num Lock, an unknown extended key, the fake shift of Print Screen.
    EXPECT_EQ(type(decoder, {0x38, 0x3B, 0x58, 0x45, 0xE0, 0x5B, 0xE0, 0x2A, 0xE0, 0x37}), "");
    // ... and the fake shift did not leave Shift held.
    EXPECT_EQ(type(decoder, {A}), "a");
}

TEST(KeyboardDecoder, PauseSequenceIsSkippedWhole) {
    ScancodeDecoder decoder;
    EXPECT_EQ(type(decoder, {0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5, A}), "a");
}

} // namespace

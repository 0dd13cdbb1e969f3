// Kernel tests of the checked copies between kernel and user memory: every bad range is an
// error value, and none of them makes the kernel fault (a fault would end the test in a panic).
#include "kernel/memory/address_space.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/layout.h"
#include "kernel/testing/kernel_test.h"
#include "libk/string.h"

using namespace memory;
using libk::Error;

namespace {

// 0x10000 and 0x11000 user read-write, 0x12000 unmapped, 0x13000 user read-only, 0x14000 a
// kernel-only page in the user half.
AddressSpace& prepared_space() {
    AddressSpace& space = *AddressSpace::create().value();
    EXPECT(!space.allocate_page(0x10000, USER_READ_WRITE).is_error());
    EXPECT(!space.allocate_page(0x11000, USER_READ_WRITE).is_error());
    EXPECT(!space.allocate_page(0x13000, USER_READ_ONLY).is_error());
    EXPECT(!space.allocate_page(0x14000, KERNEL_READ_WRITE).is_error());
    return space;
}

bool all_bytes_are(const uint8_t* bytes, size_t size, uint8_t value) {
    for (size_t i = 0; i < size; ++i) {
        if (bytes[i] != value)
            return false;
    }
    return true;
}

} // namespace

KERNEL_TEST(copy_to_and_from_user_across_pages) {
    AddressSpace& space = prepared_space();
    char message[] = "crosses a page boundary";
    EXPECT(!space.copy_to_user(0x10FF8, message, sizeof message).is_error());
    char back[sizeof message] = {};
    EXPECT(!space.copy_from_user(back, 0x10FF8, sizeof back).is_error());
    EXPECT(strcmp(back, message) == 0);
    EXPECT(!space.copy_from_user(back, 0x13000, 4).is_error()); // read-only is readable
    EXPECT(!space.copy_from_user(back, 0, 0).is_error());       // nothing to copy
    delete &space;
}

KERNEL_TEST(copy_from_user_rejects_bad_ranges) {
    AddressSpace& space = prepared_space();
    uint8_t buffer[64];
    auto rejects = [&](uintptr_t user, size_t size) {
        memset(buffer, 0x5A, sizeof buffer);
        auto result = space.copy_from_user(buffer, user, size);
        // Refused as a whole: not one byte was copied.
        return result.is_error() && result.error() == Error::BadAddress &&
               all_bytes_are(buffer, sizeof buffer, 0x5A);
    };
    EXPECT(rejects(0, 4));                              // null
    EXPECT(rejects(0xC0100000, 16));                    // kernel image
    EXPECT(rejects(0xBFFFFFF0, 32));                    // runs into the kernel half
    EXPECT(rejects(0x12000, 4));                        // unmapped page
    EXPECT(rejects(0x11FF0, 32));                       // crosses into the unmapped page
    EXPECT(rejects(0x14000, 4));                        // kernel-only page in the user half
    EXPECT(rejects(0xFFFFFFF0, 32));                    // wraps around the top
    EXPECT(rejects(0x10000, static_cast<size_t>(-1)));  // wraps around from user memory
    EXPECT(rejects(0x10010, static_cast<size_t>(-16))); // ends exactly at 0 after wrapping
    delete &space;
}

KERNEL_TEST(copy_to_user_needs_a_writable_user_page) {
    AddressSpace& space = prepared_space();
    uint32_t value = 7;
    EXPECT_EQ(space.copy_to_user(0x13000, &value, 4).error(), Error::BadAddress);
    EXPECT_EQ(space.copy_to_user(0x10FFE, &value, 4).is_error(), false);
    EXPECT_EQ(space.copy_to_user(0x11FFE, &value, 4).error(), Error::BadAddress);
    EXPECT_EQ(space.copy_to_user(0xC0000000, &value, 4).error(), Error::BadAddress);
    EXPECT_EQ(space.copy_to_user(0x14000, &value, 4).error(), Error::BadAddress);
    delete &space;
}

KERNEL_TEST(copy_string_from_user_is_bounded) {
    AddressSpace& space = prepared_space();
    const char text[] = "hello";
    EXPECT(!space.copy_to_user(0x10FFD, text, sizeof text).is_error()); // crosses a page
    char copy[16];
    auto length = space.copy_string_from_user(copy, 0x10FFD, sizeof copy);
    EXPECT(!length.is_error());
    EXPECT_EQ(length.value(), 5u);
    EXPECT(strcmp(copy, "hello") == 0);
    // No terminator within the room given: cut off and reported.
    EXPECT_EQ(space.copy_string_from_user(copy, 0x10FFD, 4).error(), Error::TooLong);
    EXPECT(strcmp(copy, "hel") == 0);
    // A string that runs off its last mapped page into an unmapped one.
    char filler[16];
    memset(filler, 'x', sizeof filler);
    EXPECT(!space.copy_to_user(0x11FF0, filler, sizeof filler).is_error());
    char long_copy[32];
    EXPECT_EQ(space.copy_string_from_user(long_copy, 0x11FF0, sizeof long_copy).error(),
              Error::BadAddress);
    EXPECT_EQ(space.copy_string_from_user(copy, 0xC0100000, sizeof copy).error(),
              Error::BadAddress);
    EXPECT_EQ(space.copy_string_from_user(copy, 0, sizeof copy).error(), Error::BadAddress);
    delete &space;
}

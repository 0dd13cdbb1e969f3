// ProgramArguments: the argument vector a program gets and the initial stack built from it
// (libk/abi/program_start.h), checked word by word.
#include "kernel/proc/program_arguments.h"
#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

constexpr uint32_t STACK_TOP = 0xBFFFF000;

// The image as a view of the stack: word and string reads by user address.
struct StackImage {
    std::vector<uint8_t> bytes;
    uint32_t esp;

    uint32_t word(uint32_t address) const {
        uint32_t value;
        std::memcpy(&value, &bytes[address - esp], 4);
        return value;
    }
    std::string string(uint32_t address) const {
        return reinterpret_cast<const char*>(&bytes[address - esp]);
    }
};

StackImage build(const ProgramArguments& arguments) {
    StackImage image;
    image.bytes.resize(arguments.initial_stack_size(STACK_TOP));
    image.esp = arguments.build_initial_stack(image.bytes.data(), STACK_TOP);
    return image;
}

} // namespace

TEST(ProgramArguments, InitialStackHoldsArgcArgvAndTheStrings) {
    ProgramArguments arguments;
    ASSERT_FALSE(arguments.add("/bin/hello").is_error());
    ASSERT_FALSE(arguments.add("first").is_error());
    ASSERT_FALSE(arguments.add("").is_error());
    StackImage stack = build(arguments);
    EXPECT_EQ(stack.esp % 16, 0u);
    EXPECT_EQ(stack.esp + stack.bytes.size(), STACK_TOP);
    EXPECT_EQ(stack.word(stack.esp), 3u); // argc
    EXPECT_EQ(stack.string(stack.word(stack.esp + 4)), "/bin/hello");
    EXPECT_EQ(stack.string(stack.word(stack.esp + 8)), "first");
    EXPECT_EQ(stack.string(stack.word(stack.esp + 12)), "");
    EXPECT_EQ(stack.word(stack.esp + 16), 0u); // end of argv
    EXPECT_EQ(stack.word(stack.esp + 20), 0u); // end of the empty environment
    // The strings are packed at the very top.
    EXPECT_EQ(stack.word(stack.esp + 4), STACK_TOP - (11 + 6 + 1));
}

TEST(ProgramArguments, NoArgumentsAtAll) {
    ProgramArguments arguments;
    StackImage stack = build(arguments);
    EXPECT_EQ(stack.esp % 16, 0u);
    EXPECT_EQ(stack.word(stack.esp), 0u);
    EXPECT_EQ(stack.word(stack.esp + 4), 0u);
    EXPECT_EQ(stack.word(stack.esp + 8), 0u);
}

TEST(ProgramArguments, RefusesTooManyOrTooLongArguments) {
    ProgramArguments many;
    for (size_t index = 0; index < ProgramArguments::COUNT_MAX; ++index)
        ASSERT_FALSE(many.add("x").is_error());
    auto one_more = many.add("x");
    ASSERT_TRUE(one_more.is_error());
    EXPECT_EQ(one_more.error(), libk::Error::ArgumentsTooLong);

    ProgramArguments long_ones;
    std::string text(1000, 'a');
    for (int index = 0; index < 4; ++index)
        ASSERT_FALSE(long_ones.add(text.c_str()).is_error());
    // 4004 bytes used: 92 are left, so 91 characters and their NUL still fit, 92 do not.
    EXPECT_TRUE(long_ones.add(std::string(92, 'b').c_str()).is_error());
    EXPECT_FALSE(long_ones.add(std::string(91, 'b').c_str()).is_error());
    EXPECT_EQ(long_ones.string_bytes(), ProgramArguments::BYTES_MAX);
}

TEST(ProgramArguments, StringsCopiedInPlaceAreCommitted) {
    ProgramArguments arguments;
    std::strcpy(arguments.tail(), "copied");
    ASSERT_FALSE(arguments.commit(6).is_error());
    EXPECT_STREQ(arguments.at(0), "copied");
    EXPECT_EQ(arguments.room(), ProgramArguments::BYTES_MAX - 7);
}

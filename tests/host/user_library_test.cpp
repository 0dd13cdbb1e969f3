// Host tests of the user library's pure logic: the heap allocator over a fake sbrk, the
// string-to-integer conversions with the ranges of i386's long, and the stdio buffering with
// libk's formatter over a fake write, and the string functions the library adds to libk's. The
// system-call side is tested by the user programs (user/tests/).
#include "user/lib/stdio/output_stream.h"
#include "user/lib/stdlib/heap_allocator.h"
#include "user/lib/stdlib/integer_parsing.h"
#include "user/lib/string/string_functions.h"
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

using userlib::HeapAllocator;
using userlib::ReleaseResult;

// A program break over a fixed array: grows until the array is used up, like sbrk until the
// kernel runs out of memory.
struct FakeBreak {
    alignas(16) uint8_t memory[1 << 20];
    size_t used = 0;
    size_t limit = sizeof memory;
    size_t calls = 0;

    static void* grow(size_t increment, void* context) {
        auto* self = static_cast<FakeBreak*>(context);
        ++self->calls;
        if (increment > self->limit - self->used)
            return nullptr;
        void* start = self->memory + self->used;
        self->used += increment;
        return start;
    }
};

class Heap : public ::testing::Test {
protected:
    FakeBreak* fake = new FakeBreak();
    HeapAllocator heap{FakeBreak::grow, fake};
    ~Heap() override { delete fake; }
};

TEST_F(Heap, AllocatesAlignedDistinctBlocks) {
    std::vector<uint8_t*> blocks;
    for (size_t size : {1, 7, 16, 100, 1000, 0}) {
        auto* block = static_cast<uint8_t*>(heap.allocate(size));
        ASSERT_NE(block, nullptr);
        EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % HeapAllocator::ALIGNMENT, 0u);
        EXPECT_GE(heap.usable_size(block), size);
        std::memset(block, 0xAB, size);
        blocks.push_back(block);
    }
    for (size_t i = 0; i < blocks.size(); ++i) {
        for (size_t j = i + 1; j < blocks.size(); ++j)
            EXPECT_NE(blocks[i], blocks[j]);
    }
    EXPECT_TRUE(heap.is_consistent());
    EXPECT_EQ(fake->calls, 1u); // one growth step covers all of them
}

TEST_F(Heap, FreedMemoryIsReusedAndMerged) {
    void* a = heap.allocate(100);
    void* b = heap.allocate(100);
    void* c = heap.allocate(100);
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(heap.release(b), ReleaseResult::Released);
    EXPECT_EQ(heap.allocate(100), b); // first fit finds the hole
    EXPECT_EQ(heap.release(a), ReleaseResult::Released);
    EXPECT_EQ(heap.release(b), ReleaseResult::Released);
    EXPECT_EQ(heap.release(c), ReleaseResult::Released);
    EXPECT_TRUE(heap.is_consistent());
    userlib::HeapStatistics statistics = heap.statistics();
    EXPECT_EQ(statistics.used_blocks, 0u);
    EXPECT_EQ(statistics.free_blocks, 1u); // everything merged back into one block
    EXPECT_EQ(heap.allocate(300), a);
}

TEST_F(Heap, DetectsDoubleAndForeignFrees) {
    void* a = heap.allocate(64);
    void* b = heap.allocate(64);
    ASSERT_EQ(heap.release(a), ReleaseResult::Released);
    EXPECT_EQ(heap.release(a), ReleaseResult::NotAllocated);
    int on_the_stack = 0;
    EXPECT_EQ(heap.release(&on_the_stack), ReleaseResult::NotAllocated);
    EXPECT_EQ(heap.release(static_cast<uint8_t*>(b) + 16), ReleaseResult::NotAllocated);
    // b merges into a's free block below it; its stale header must not make it free twice.
    ASSERT_EQ(heap.release(b), ReleaseResult::Released);
    EXPECT_EQ(heap.release(b), ReleaseResult::NotAllocated);
    EXPECT_TRUE(heap.is_consistent());
}

TEST_F(Heap, GrowsInStepsAndFallsBackToSmallSteps) {
    std::vector<void*> blocks;
    while (void* block = heap.allocate(10000))
        blocks.push_back(block);
    EXPECT_GT(blocks.size(), 90u); // nearly all of the 1 MiB
    EXPECT_TRUE(heap.is_consistent());
    // Out of large blocks: a small allocation still succeeds from what is left.
    void* small = heap.allocate(16);
    EXPECT_NE(small, nullptr);
    while (heap.allocate(16)) {
    }
    EXPECT_LE(fake->limit - fake->used, 2 * HeapAllocator::GROWTH_STEP);
    // Freeing everything makes room again.
    for (void* block : blocks)
        EXPECT_EQ(heap.release(block), ReleaseResult::Released);
    EXPECT_NE(heap.allocate(500000), nullptr);
    EXPECT_TRUE(heap.is_consistent());
}

TEST_F(Heap, RefusesImpossibleSizes) {
    EXPECT_EQ(heap.allocate(SIZE_MAX), nullptr);
    EXPECT_EQ(heap.allocate(SIZE_MAX - 8), nullptr);
    EXPECT_EQ(heap.allocate(2 << 20), nullptr); // more than the fake break has
    EXPECT_NE(heap.allocate(10), nullptr);
    EXPECT_TRUE(heap.is_consistent());
}

TEST_F(Heap, ReallocateKeepsContents) {
    auto* text = static_cast<char*>(heap.allocate(10));
    std::strcpy(text, "123456789");
    // Shrinking stays in place.
    EXPECT_EQ(heap.reallocate(text, 5), text);
    // Growing into the free space above stays in place too.
    auto* grown = static_cast<char*>(heap.reallocate(text, 5000));
    EXPECT_EQ(grown, text);
    EXPECT_EQ(std::string(grown, 5), "12345");
    // With a neighbour in the way the block moves, contents and all.
    void* neighbour = heap.allocate(10);
    ASSERT_NE(neighbour, nullptr);
    auto* moved = static_cast<char*>(heap.reallocate(grown, 20000));
    ASSERT_NE(moved, nullptr);
    EXPECT_NE(moved, grown);
    EXPECT_EQ(std::string(moved, 5), "12345");
    EXPECT_FALSE(heap.is_allocated(grown));
    EXPECT_TRUE(heap.is_allocated(moved));
    EXPECT_TRUE(heap.is_consistent());
    // When no memory is left the old block stays valid.
    EXPECT_EQ(heap.reallocate(moved, 4 << 20), nullptr);
    EXPECT_TRUE(heap.is_allocated(moved));
}

// Memory from the break that does not continue the heap (someone else moved the break).
TEST(HeapGap, SpansMemoryThatIsNotOurs) {
    static FakeBreak fake;
    auto grow_with_hole = [](size_t increment, void* context) -> void* {
        auto* self = static_cast<FakeBreak*>(context);
        if (self->calls == 1)
            self->used += 4096 + 8; // a foreign sbrk between our two calls, misaligning us
        return FakeBreak::grow(increment, context);
    };
    HeapAllocator heap(grow_with_hole, &fake);
    void* first = heap.allocate(HeapAllocator::GROWTH_STEP - 200);
    ASSERT_NE(first, nullptr);
    void* second = heap.allocate(HeapAllocator::GROWTH_STEP - 200);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(second) % HeapAllocator::ALIGNMENT, 0u);
    EXPECT_TRUE(heap.is_consistent());
    EXPECT_EQ(heap.release(first), ReleaseResult::Released);
    EXPECT_EQ(heap.release(second), ReleaseResult::Released);
    EXPECT_EQ(heap.statistics().free_blocks, 2u); // the gap keeps them apart
    EXPECT_TRUE(heap.is_consistent());
}

// --- strtol and friends, with the ranges of i386 (32-bit long) ------------------------------

constexpr long long LONG32_MIN = INT32_MIN;
constexpr long long LONG32_MAX = INT32_MAX;

struct Parsed {
    long long value;
    size_t used; // characters consumed
    int error;
};

Parsed parse_long(const char* text, int base) {
    auto result = userlib::parse_signed(text, base, LONG32_MIN, LONG32_MAX);
    return {result.value, static_cast<size_t>(result.end - text), result.error};
}

void expect_parsed(const char* text, int base, long long value, size_t used, int error = 0) {
    Parsed parsed = parse_long(text, base);
    EXPECT_EQ(parsed.value, value) << '"' << text << "\" base " << base;
    EXPECT_EQ(parsed.used, used) << '"' << text << "\" base " << base;
    EXPECT_EQ(parsed.error, error) << '"' << text << "\" base " << base;
}

TEST(Strtol, DecimalWithSignsAndSpaces) {
    expect_parsed("42", 10, 42, 2);
    expect_parsed("  \t\n-17xyz", 10, -17, 7);
    expect_parsed("+8", 10, 8, 2);
    expect_parsed("007", 10, 7, 3);
    expect_parsed("-0", 10, 0, 2);
}

TEST(Strtol, NothingToConvertLeavesEndAtTheStart) {
    expect_parsed("", 10, 0, 0);
    expect_parsed("   ", 10, 0, 0);
    expect_parsed("-", 10, 0, 0);
    expect_parsed(" +x", 10, 0, 0);
    expect_parsed("z", 10, 0, 0);
}

TEST(Strtol, LimitsOfA32BitLong) {
    expect_parsed("2147483647", 10, LONG32_MAX, 10);
    expect_parsed("-2147483648", 10, LONG32_MIN, 11);
    expect_parsed("2147483648", 10, LONG32_MAX, 10, ERANGE);
    expect_parsed("-2147483649", 10, LONG32_MIN, 11, ERANGE);
    // All the digits are consumed even past the overflow.
    expect_parsed("99999999999999999999999 rest", 10, LONG32_MAX, 23, ERANGE);
    expect_parsed("0x80000000", 16, LONG32_MAX, 10, ERANGE);
    expect_parsed("-0x80000000", 16, LONG32_MIN, 11);
}

TEST(Strtol, LimitsOfA64BitLongLong) {
    auto result = userlib::parse_signed("-9223372036854775808", 10, LLONG_MIN, LLONG_MAX);
    EXPECT_EQ(result.value, LLONG_MIN);
    EXPECT_EQ(result.error, 0);
    result = userlib::parse_signed("9223372036854775808", 10, LLONG_MIN, LLONG_MAX);
    EXPECT_EQ(result.value, LLONG_MAX);
    EXPECT_EQ(result.error, ERANGE);
}

TEST(Strtol, BasesAndPrefixes) {
    expect_parsed("0x1A", 16, 26, 4);
    expect_parsed("1a", 16, 26, 2);
    expect_parsed("0X1f", 0, 31, 4);
    expect_parsed("017", 0, 15, 3);
    expect_parsed("019", 0, 1, 2); // 9 is not octal
    expect_parsed("0", 0, 0, 1);
    expect_parsed("101102", 2, 22, 5); // 2 is not binary
    expect_parsed("zz", 36, 35 * 36 + 35, 2);
    // "0x" not followed by a hex digit: the number is the 0 alone.
    expect_parsed("0x", 16, 0, 1);
    expect_parsed("0xg", 0, 0, 1);
    // With base 10, x is not part of a prefix.
    expect_parsed("0x10", 10, 0, 1);
}

TEST(Strtol, InvalidBases) {
    expect_parsed("10", 1, 0, 0, EINVAL);
    expect_parsed("10", 37, 0, 0, EINVAL);
    expect_parsed("10", -1, 0, 0, EINVAL);
}

TEST(Strtoul, NegationAndRange) {
    constexpr unsigned long long MAX32 = UINT32_MAX;
    auto result = userlib::parse_unsigned("4294967295", 10, MAX32);
    EXPECT_EQ(result.value, MAX32);
    EXPECT_EQ(result.error, 0);
    result = userlib::parse_unsigned("4294967296", 10, MAX32);
    EXPECT_EQ(result.value, MAX32);
    EXPECT_EQ(result.error, ERANGE);
    result = userlib::parse_unsigned("-1", 10, MAX32); // C: negated in the unsigned type
    EXPECT_EQ(result.value, MAX32);
    EXPECT_EQ(result.error, 0);
    result = userlib::parse_unsigned("-4294967295", 10, MAX32);
    EXPECT_EQ(result.value, 1u);
    result = userlib::parse_unsigned("-4294967296", 10, MAX32);
    EXPECT_EQ(result.error, ERANGE);
    result = userlib::parse_unsigned("ffffffffffffffff", 16, ULLONG_MAX);
    EXPECT_EQ(result.value, ULLONG_MAX);
    EXPECT_EQ(result.error, 0);
}

// --- stdio buffering and printf ---------------------------------------------------------------

// What the fake write received, one string per write call.
std::vector<std::string> g_writes;
long g_write_limit = 1 << 30; // bytes each write accepts; <0: fail with that error
long fake_write(int, const void* data, size_t size) {
    if (g_write_limit < 0)
        return g_write_limit;
    size_t accepted = size < static_cast<size_t>(g_write_limit) ? size : g_write_limit;
    g_writes.emplace_back(static_cast<const char*>(data), accepted);
    return static_cast<long>(accepted);
}

class Stream : public ::testing::Test {
protected:
    void SetUp() override {
        g_writes.clear();
        g_write_limit = 1 << 30;
    }
    int print(userlib::OutputStream& stream, const char* format, ...) {
        va_list arguments;
        va_start(arguments, format);
        stream.begin_call();
        int count = userlib::format_to_stream(stream, format, arguments);
        bool ok = stream.end_call();
        va_end(arguments);
        return ok ? count : -1;
    }
};

TEST_F(Stream, LineBufferingWritesWholeLinesOnce) {
    userlib::OutputStream stream(1, userlib::Buffering::Line, fake_write);
    EXPECT_EQ(print(stream, "count: "), 7);
    EXPECT_TRUE(g_writes.empty()); // no newline yet
    EXPECT_EQ(print(stream, "%d %s|%5x|%-3c|\n", -42, "ok", 255u, 'z'), 18);
    ASSERT_EQ(g_writes.size(), 1u);
    EXPECT_EQ(g_writes[0], "count: -42 ok|   ff|z  |\n");
    // Two lines in one call: still one write.
    print(stream, "a\nb\n");
    ASSERT_EQ(g_writes.size(), 2u);
    EXPECT_EQ(g_writes[1], "a\nb\n");
}

TEST_F(Stream, NoBufferingWritesEachCallOnce) {
    userlib::OutputStream stream(2, userlib::Buffering::None, fake_write);
    print(stream, "error %d", 5);
    print(stream, "!");
    ASSERT_EQ(g_writes.size(), 2u);
    EXPECT_EQ(g_writes[0], "error 5");
    EXPECT_EQ(g_writes[1], "!");
}

TEST_F(Stream, FullBufferingWaitsForFlush) {
    userlib::OutputStream stream(1, userlib::Buffering::Full, fake_write);
    print(stream, "line\n");
    EXPECT_TRUE(g_writes.empty());
    EXPECT_EQ(stream.buffered(), 5u);
    EXPECT_TRUE(stream.flush());
    ASSERT_EQ(g_writes.size(), 1u);
    EXPECT_EQ(g_writes[0], "line\n");
}

TEST_F(Stream, LongOutputGoesOutInBufferSizedPieces) {
    userlib::OutputStream stream(1, userlib::Buffering::Line, fake_write);
    std::string text(2500, 'x');
    text += '\n';
    stream.begin_call();
    EXPECT_TRUE(stream.write(text.data(), text.size()));
    EXPECT_TRUE(stream.end_call());
    ASSERT_EQ(g_writes.size(), 3u);
    EXPECT_EQ(g_writes[0].size(), userlib::OutputStream::BUFFER_SIZE);
    EXPECT_EQ(g_writes[0] + g_writes[1] + g_writes[2], text);
}

TEST_F(Stream, PartialWritesAreRetried) {
    g_write_limit = 3;
    userlib::OutputStream stream(1, userlib::Buffering::Line, fake_write);
    EXPECT_EQ(print(stream, "abcdefgh\n"), 9);
    ASSERT_EQ(g_writes.size(), 3u);
    EXPECT_EQ(g_writes[0] + g_writes[1] + g_writes[2], "abcdefgh\n");
}

TEST_F(Stream, WriteErrorsAreReportedAndSticky) {
    g_write_limit = -EBADF;
    userlib::OutputStream stream(7, userlib::Buffering::Line, fake_write);
    EXPECT_EQ(print(stream, "lost\n"), -1);
    EXPECT_TRUE(stream.has_error());
    EXPECT_EQ(stream.error_number(), EBADF);
    EXPECT_EQ(stream.buffered(), 0u); // dropped, not retried forever
    g_write_limit = 1 << 30;
    EXPECT_EQ(print(stream, "works\n"), 6); // later calls work again...
    EXPECT_TRUE(stream.has_error());        // ...but the indicator stays until cleared
    stream.clear_error();
    EXPECT_FALSE(stream.has_error());
}

// A fake console: each read returns the next chunk.
std::vector<std::string> g_reads;
long fake_read(int, void* buffer, size_t size) {
    if (g_reads.empty())
        return 0;
    std::string chunk = g_reads.front();
    g_reads.erase(g_reads.begin());
    if (chunk == "<error>")
        return -EIO;
    size_t length = chunk.size() < size ? chunk.size() : size;
    std::memcpy(buffer, chunk.data(), length);
    return static_cast<long>(length);
}

TEST(InputStream, ReadsLinesAcrossChunks) {
    g_reads = {"hel", "lo\nwor", "ld"};
    userlib::InputStream stream(0, fake_read);
    char line[16];
    ASSERT_NE(stream.get_line(line, sizeof line), nullptr);
    EXPECT_STREQ(line, "hello\n");
    ASSERT_NE(stream.get_line(line, sizeof line), nullptr);
    EXPECT_STREQ(line, "world"); // the last line has no newline
    EXPECT_EQ(stream.get_line(line, sizeof line), nullptr);
    EXPECT_TRUE(stream.at_end());
}

TEST(InputStream, LinesLongerThanTheBufferAreSplit) {
    g_reads = {"abcdefgh\n"};
    userlib::InputStream stream(0, fake_read);
    char line[4];
    ASSERT_NE(stream.get_line(line, sizeof line), nullptr);
    EXPECT_STREQ(line, "abc");
    ASSERT_NE(stream.get_line(line, sizeof line), nullptr);
    EXPECT_STREQ(line, "def");
    char one[1];
    EXPECT_EQ(stream.get_line(one, 1), one); // room for the terminator only
    EXPECT_STREQ(one, "");
    EXPECT_EQ(stream.get_line(line, 0), nullptr);
}

TEST(InputStream, UngetAndErrors) {
    g_reads = {"x", "<error>"};
    userlib::InputStream stream(0, fake_read);
    EXPECT_EQ(stream.get(), 'x');
    EXPECT_TRUE(stream.unget('y'));
    EXPECT_FALSE(stream.unget('z')); // one byte of push-back
    EXPECT_EQ(stream.get(), 'y');
    EXPECT_EQ(stream.get(), userlib::InputStream::END);
    EXPECT_TRUE(stream.has_error());
    EXPECT_EQ(stream.error_number(), EIO);
    stream.clear_flags();
    EXPECT_FALSE(stream.has_error());
}

// --- string functions (built here as libk_strcpy and so on) -------------------------------

TEST(UserStrings, CopyAndConcatenate) {
    char buffer[16];
    EXPECT_EQ(libk_strcpy(buffer, "abc"), buffer);
    EXPECT_STREQ(buffer, "abc");
    EXPECT_STREQ(libk_strcat(buffer, "de"), "abcde");
    EXPECT_STREQ(libk_strncat(buffer, "fghij", 2), "abcdefg");
    EXPECT_STREQ(libk_strncat(buffer, "", 5), "abcdefg");
    // strncpy pads with NULs, and does not terminate a source as long as the count.
    std::memset(buffer, 'x', sizeof buffer);
    libk_strncpy(buffer, "ab", 5);
    EXPECT_EQ(std::string(buffer, 6), std::string("ab\0\0\0x", 6));
    std::memset(buffer, 'x', sizeof buffer);
    libk_strncpy(buffer, "abcdefgh", 3);
    EXPECT_EQ(std::string(buffer, 4), "abcx");
}

TEST(UserStrings, Search) {
    const char* text = "a/b/c";
    EXPECT_EQ(libk_strrchr(text, '/'), text + 3);
    EXPECT_EQ(libk_strrchr(text, '\0'), text + 5);
    EXPECT_EQ(libk_strrchr(text, 'x'), nullptr);
    const char* hello = "hello";
    EXPECT_EQ(libk_strstr(hello, "llo"), hello + 2);
    EXPECT_EQ(libk_strstr(hello, ""), hello);
    EXPECT_EQ(libk_strstr(hello, "hello!"), nullptr);
    EXPECT_EQ(libk_strstr("", "a"), nullptr);
    EXPECT_EQ(libk_memchr(hello, 'l', 5), hello + 2);
    EXPECT_EQ(libk_memchr(hello, 'o', 4), nullptr);
    EXPECT_EQ(libk_strspn("aabbc", "ab"), 4u);
    EXPECT_EQ(libk_strcspn("aabbc", "c"), 4u);
    EXPECT_EQ(libk_strcspn("abc", ""), 3u);
    EXPECT_EQ(libk_strpbrk(hello, "xyo"), hello + 4);
    EXPECT_EQ(libk_strpbrk(hello, "xyz"), nullptr);
}

TEST(UserStrings, TokensSkipEmptyFields) {
    char text[] = ",,a,,bc,";
    char* state = nullptr;
    std::vector<std::string> tokens;
    for (char* token = libk_strtok_r(text, ",", &state); token;
         token = libk_strtok_r(nullptr, ",", &state))
        tokens.emplace_back(token);
    EXPECT_EQ(tokens, (std::vector<std::string>{"a", "bc"}));
    EXPECT_EQ(libk_strtok_r(nullptr, ",", &state), nullptr); // stays at the end
    char only_separators[] = ",,,";
    EXPECT_EQ(libk_strtok(only_separators, ","), nullptr);
}

TEST(UserStrings, Duplicate) {
    char* copy = libk_strdup("text");
    EXPECT_STREQ(copy, "text");
    free(copy);
    copy = libk_strndup("text", 2);
    EXPECT_STREQ(copy, "te");
    free(copy);
    copy = libk_strndup("te", 10);
    EXPECT_STREQ(copy, "te");
    free(copy);
}

} // namespace

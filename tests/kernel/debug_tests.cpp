// Kernel tests of the debugging tools that do not panic: symbol lookup in the table loaded from
// the boot module, backtrace walks over real and deliberately broken frame chains, the log level
// from the command line, and the stack guard chosen at boot.
#include "kernel/debug/backtrace.h"
#include "kernel/debug/log.h"
#include "kernel/debug/symbols.h"
#include "kernel/memory/layout.h"
#include "kernel/runtime/cxx_runtime.h"
#include "kernel/testing/kernel_test.h"
#include "libk/string.h"

extern "C" [[noreturn]] void kernel_main(uint32_t magic, uintptr_t boot_information_physical);

namespace {

int g_data_object = 5; // in .data: an address in no function

bool names_equal(debug::SymbolLocation location, const char* name) {
    return location.name != nullptr && strcmp(location.name, name) == 0;
}

volatile int g_calls_returned = 0;

[[gnu::noinline]] debug::Backtrace walk_chain_innermost() {
    return debug::current_backtrace();
}

[[gnu::noinline]] debug::Backtrace walk_chain_outermost() {
    debug::Backtrace backtrace = walk_chain_innermost();
    g_calls_returned = g_calls_returned + 1; // keeps the call from becoming a tail jump
    return backtrace;
}

} // namespace

KERNEL_TEST(find_symbol_resolves_kernel_functions) {
    EXPECT(debug::symbol_count() > 0);
    auto kernel_main_address = reinterpret_cast<uintptr_t>(&kernel_main);
    debug::SymbolLocation location = debug::find_symbol(kernel_main_address);
    EXPECT(names_equal(location, "kernel_main"));
    EXPECT_EQ(location.offset, 0);
    location = debug::find_symbol(kernel_main_address + 5);
    EXPECT(names_equal(location, "kernel_main"));
    EXPECT_EQ(location.offset, 5);
    EXPECT(names_equal(debug::find_symbol(reinterpret_cast<uintptr_t>(&strlen)), "strlen"));

    // Data, the start of the kernel half (below the code) and user space are in no function.
    EXPECT(debug::find_symbol(reinterpret_cast<uintptr_t>(&g_data_object)).name == nullptr);
    EXPECT(debug::find_symbol(memory::KERNEL_VIRTUAL_BASE).name == nullptr);
    EXPECT(debug::find_symbol(0).name == nullptr);
    EXPECT(debug::find_symbol(0xFFFFFFFF).name == nullptr);
}

KERNEL_TEST(backtrace_walks_the_call_chain) {
    debug::Backtrace backtrace = walk_chain_outermost();
    EXPECT(backtrace.end == debug::BacktraceEnd::EndOfChain);
    EXPECT(backtrace.count >= 5);
    EXPECT(names_equal(debug::frame_location(backtrace, 0),
                       "(anonymous namespace)::walk_chain_innermost()"));
    EXPECT(names_equal(debug::frame_location(backtrace, 1),
                       "(anonymous namespace)::walk_chain_outermost()"));
    EXPECT(
        names_equal(debug::frame_location(backtrace, 2), "backtrace_walks_the_call_chain_body()"));
    EXPECT(names_equal(debug::frame_location(backtrace, 3),
                       "testing::run_body(testing::KernelTest const&)"));
    // The outermost frame is boot/entry.asm's call of kernel_main, which zeroed ebp.
    EXPECT(names_equal(debug::frame_location(backtrace, backtrace.count - 1), "higher_half_entry"));
}

// Frame chains built by hand in a local array (on the stack, so in the kernel half). A frame is
// two words: [0] the caller's frame pointer, [1] the return address.
class FakeStack {
public:
    static constexpr size_t WORDS = 80;
    static constexpr uintptr_t SOME_CODE = 0xC0100000;

    uintptr_t frame_pointer(size_t word) const {
        return reinterpret_cast<uintptr_t>(&m_words[word]);
    }
    void set_frame(size_t word, uintptr_t saved_frame_pointer, uintptr_t return_address) {
        m_words[word] = saved_frame_pointer;
        m_words[word + 1] = return_address;
    }
    debug::Backtrace walk() const {
        return debug::walk_backtrace(SOME_CODE, debug::FirstAddress::Exact, frame_pointer(0));
    }

private:
    uintptr_t m_words[WORDS] = {};
};

KERNEL_TEST(backtrace_stops_at_broken_frames) {
    FakeStack stack;
    constexpr uintptr_t CODE = FakeStack::SOME_CODE;
    // Two good frames, then a saved ebp of 0: a normal end after three addresses.
    stack.set_frame(0, stack.frame_pointer(2), CODE + 1);
    stack.set_frame(2, 0, CODE + 2);
    debug::Backtrace walk = stack.walk();
    EXPECT(walk.end == debug::BacktraceEnd::EndOfChain);
    EXPECT_EQ(walk.count, 3);
    EXPECT_EQ(walk.addresses[1], CODE + 1);
    EXPECT_EQ(walk.addresses[2], CODE + 2);

    stack.set_frame(2, stack.frame_pointer(4) + 1, CODE);
    EXPECT(stack.walk().end == debug::BacktraceEnd::Misaligned);
    stack.set_frame(2, 0x00400000, CODE); // user space
    EXPECT(stack.walk().end == debug::BacktraceEnd::OutsideKernel);
    stack.set_frame(2, stack.frame_pointer(0), CODE); // back down the stack: a loop
    EXPECT(stack.walk().end == debug::BacktraceEnd::NotUpward);
    stack.set_frame(2, stack.frame_pointer(4), 0);
    EXPECT(stack.walk().end == debug::BacktraceEnd::NullReturn);

    // A chain longer than the limit: the walk stops at MAXIMUM_FRAMES addresses.
    for (size_t word = 0; word + 3 < FakeStack::WORDS; word += 2)
        stack.set_frame(word, stack.frame_pointer(word + 2), CODE);
    walk = stack.walk();
    EXPECT(walk.end == debug::BacktraceEnd::DepthLimit);
    EXPECT_EQ(walk.count, debug::Backtrace::MAXIMUM_FRAMES);
}

// tests/kernel/command-lines boots this test with "loglevel=warning".
KERNEL_TEST_ALONE(log_level_from_command_line) {
    EXPECT(log::minimum_level() == log::Level::Warning);
    log::info("test", "this line is below the level and must not appear");
    log::warning("test", "a warning with a second line:\nindented under the first");
}

KERNEL_TEST(stack_guard_is_chosen_at_boot) {
    EXPECT(__stack_chk_guard != 0);
    EXPECT((__stack_chk_guard & 0xFF) == 0); // the terminator byte
    // Not the built-in value: initialize_stack_guard() replaced it from the time stamp counter.
    EXPECT(__stack_chk_guard != 0xE2DEE300);
}

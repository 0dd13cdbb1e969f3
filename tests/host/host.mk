# Host tests: GoogleTest over libk and the pure logic of the kernel, compiled with the host
# compiler from the very same source files the kernel uses (LIBK_HOSTED switches the few
# places that differ). Included by the top-level Makefile.

HOST_TEST_SOURCES := $(sort $(wildcard tests/host/*.cpp))
# Kernel and libk files whose logic is tested on the host (one per line: branches add lines).
HOST_TESTED_SOURCES := libk/format.cpp
HOST_TESTED_SOURCES += libk/string.cpp
HOST_TESTED_SOURCES += kernel/boot_info/multiboot2.cpp
HOST_TESTED_SOURCES += kernel/boot_info/command_line.cpp
HOST_TESTED_SOURCES += kernel/boot_info/multiboot1.cpp
HOST_TESTED_SOURCES += kernel/debug/symbol_table.cpp
HOST_TESTED_SOURCES += kernel/console/ansi_parser.cpp
HOST_TESTED_SOURCES += kernel/console/text_screen.cpp
HOST_TESTED_SOURCES += kernel/console/select_graphic_rendition.cpp
HOST_TESTED_SOURCES += arch/x86/vga_text_glyphs.cpp
HOST_TESTED_SOURCES += arch/x86/keyboard_decoder.cpp
HOST_TESTED_SOURCES += libk/error.cpp
HOST_TESTED_SOURCES += kernel/memory/physical_range.cpp
HOST_TESTED_SOURCES += kernel/memory/frame_allocator.cpp
HOST_TESTED_SOURCES += kernel/memory/heap.cpp
HOST_TESTED_SOURCES += kernel/memory/heap_checks.cpp
HOST_TESTED_SOURCES += kernel/memory/page_tables.cpp
HOST_TESTED_SOURCES += kernel/sched/thread.cpp
HOST_TESTED_SOURCES += kernel/sched/round_robin_policy.cpp
HOST_TESTED_SOURCES += kernel/sched/sleep_queue.cpp
HOST_TESTED_SOURCES += kernel/sync/wait_queue.cpp
HOST_TESTED_SOURCES += kernel/bench/statistics.cpp
HOST_TESTED_SOURCES += kernel/proc/elf.cpp
HOST_TESTED_SOURCES += kernel/proc/tar.cpp
HOST_TESTED_SOURCES += kernel/proc/elf_symbols.cpp
HOST_TESTED_SOURCES += kernel/proc/memory_regions.cpp
HOST_TESTED_SOURCES += kernel/proc/program_arguments.cpp
HOST_TESTED_SOURCES += user/lib/stdlib/heap_allocator.cpp
HOST_TESTED_SOURCES += user/lib/stdlib/integer_parsing.cpp
HOST_TESTED_SOURCES += user/lib/stdio/output_stream.cpp
HOST_TESTED_SOURCES += user/lib/string/string.cpp
HOST_TESTED_SOURCES += kernel/trace/ring.cpp
HOST_TESTED_SOURCES += kernel/trace/event_text.cpp
HOST_OBJECTS := $(HOST_TEST_SOURCES:%.cpp=$(BUILD)/host/%.o) \
	$(HOST_TESTED_SOURCES:%.cpp=$(BUILD)/host/%.o)
HOST_CXXFLAGS := -std=c++20 -O1 -g -Wall -Wextra $(WARNINGS_AS_ERRORS) -DLIBK_HOSTED \
	-I. -Iarch/x86/include \
	-fsanitize=address,undefined -fno-omit-frame-pointer -MMD -MP

$(BUILD)/host/%.o: %.cpp
	@mkdir -p $(dir $@)
	@echo "  HOSTCXX $<"
	@$(HOST_CXX) $(HOST_CXXFLAGS) -c $< -o $@

# GoogleTest's header is the largest part of every test file: with clang it is parsed once into
# a precompiled header (about a third of the host tests' build time). Other compilers (for
# example HOST_CXX=g++) read it in every file.
ifneq ($(findstring clang,$(HOST_CXX)),)
HOST_GTEST_PCH := $(BUILD)/host/gtest.h.pch
$(HOST_GTEST_PCH): /usr/include/gtest/gtest.h
	@mkdir -p $(dir $@)
	@echo "  HOSTPCH $<"
	@$(HOST_CXX) $(HOST_CXXFLAGS) -x c++-header $< -o $@
$(BUILD)/host/tests/host/%.o: tests/host/%.cpp $(HOST_GTEST_PCH)
	@mkdir -p $(dir $@)
	@echo "  HOSTCXX $<"
	@$(HOST_CXX) $(HOST_CXXFLAGS) -include-pch $(HOST_GTEST_PCH) -c $< -o $@
endif

$(BUILD)/host-tests: $(HOST_OBJECTS)
	@echo "  LINK    $@"
	@$(HOST_CXX) $(HOST_CXXFLAGS) -o $@ $(HOST_OBJECTS) -lgtest -lgtest_main -pthread

host-test-binary: $(BUILD)/host-tests
host-test: $(BUILD)/host-tests
	@$(BUILD)/host-tests

-include $(shell find $(BUILD)/host -name '*.d' 2>/dev/null)

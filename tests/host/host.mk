# Host tests: GoogleTest over libk and the pure logic of the kernel, compiled with the host
# compiler from the very same source files the kernel uses (LIBK_HOSTED switches the few
# places that differ). Included by the top-level Makefile.

HOST_TEST_SOURCES := $(sort $(wildcard tests/host/*.cpp))
# Kernel and libk files whose logic is tested on the host.
HOST_TESTED_SOURCES := libk/format.cpp libk/string.cpp kernel/proc/elf.cpp kernel/proc/tar.cpp \
	user/lib/stdlib/heap_allocator.cpp user/lib/stdlib/integer_parsing.cpp \
	user/lib/stdio/output_stream.cpp user/lib/string/string.cpp
HOST_OBJECTS := $(HOST_TEST_SOURCES:%.cpp=$(BUILD)/host/%.o) \
	$(HOST_TESTED_SOURCES:%.cpp=$(BUILD)/host/%.o)
HOST_CXXFLAGS := -std=c++20 -O1 -g -Wall -Wextra -DLIBK_HOSTED -I. -Iarch/x86/include \
	-fsanitize=address,undefined -fno-omit-frame-pointer -MMD -MP

$(BUILD)/host/%.o: %.cpp
	@mkdir -p $(dir $@)
	@echo "  HOSTCXX $<"
	@$(HOST_CXX) $(HOST_CXXFLAGS) -c $< -o $@

$(BUILD)/host-tests: $(HOST_OBJECTS)
	@echo "  LINK    $@"
	@$(HOST_CXX) $(HOST_CXXFLAGS) -o $@ $(HOST_OBJECTS) -lgtest -lgtest_main -pthread

host-test-binary: $(BUILD)/host-tests
host-test: $(BUILD)/host-tests
	@$(BUILD)/host-tests

-include $(shell find $(BUILD)/host -name '*.d' 2>/dev/null)

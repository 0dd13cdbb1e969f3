# User space: the user library (user/lib) and every program, linked into static ELF32
# executables and packed into build/initrd.tar, the ustar archive GRUB loads as the module
# "initrd". Included by the top-level Makefile.
#
# A program is one .c or .cpp file directly in user/bin, user/demos or user/tests, or a folder
# there holding its sources. user/bin/hello.c becomes build/user/bin/hello, and /bin/hello in
# the initrd; user/demos/restroom/ becomes /demos/restroom. A folder named "common" is not a
# program: its sources are linked into every program beside it (user/demos/common/).

USER_CC       := clang
AR            := llvm-ar
OBJCOPY       := llvm-objcopy
TAR           := tar

USER_BUILD    := $(BUILD)/user
USER_LIBRARY  := $(USER_BUILD)/libuser.a
USER_CRT0     := $(USER_BUILD)/library/user/lib/arch/crt0.asm.o
USER_LINKER_SCRIPT := user/lib/user.ld
USER_PROGRAM_FOLDERS := user/bin user/demos user/tests user/bench user/fuzz

# Code generation for user mode: no SSE (the kernel saves only the x87 state of user threads,
# see libk/abi/program_start.h), static addresses, frame pointers for backtraces.
# Headers: the library's (user/lib/include), then the compiler's own (stdint.h, stdarg.h, ...);
# the repository root comes last so that the library's headers can include <libk/abi/...>.
# -MD, not -MMD: those folders are system folders to the compiler, and a program must be rebuilt
# when a header there changes (a new call in libk/abi/system_calls.h moves SYSCALL_COUNT).
USER_TARGET_FLAGS := --target=i686-elf -march=i686 -mno-sse -mno-sse2 -mno-mmx -fno-pic -fno-pie \
	-fno-omit-frame-pointer -fstack-protector-strong -O2 -g \
	-nostdlibinc -isystem user/lib/include -idirafter . -MD -MP $(WARNINGS_AS_ERRORS)
USER_CFLAGS   := $(USER_TARGET_FLAGS) -std=gnu17 -Wall -Wextra -idirafter $(BUILD)/generated
USER_CXXFLAGS := $(USER_TARGET_FLAGS) -std=c++20 -fno-exceptions -fno-rtti \
	-fno-threadsafe-statics -nostdinc++ $(WARNINGS)
# The library implements the C library itself, so it is freestanding: the compiler must not
# turn its loops into calls to the very functions it defines (memset, strlen, ...).
USER_LIBRARY_CXXFLAGS := $(USER_CXXFLAGS) -ffreestanding -Werror=return-type

# --- the library ---------------------------------------------------------------------------------
# Its own sources, and the libk files it shares with the kernel (formatter, string functions,
# error messages).
USER_LIBRARY_SOURCES := $(sort $(shell find user/lib -name '*.cpp')) \
	libk/format.cpp libk/string.cpp libk/abi/error_messages.cpp
USER_LIBRARY_OBJECTS := $(USER_LIBRARY_SOURCES:%.cpp=$(USER_BUILD)/library/%.o) \
	$(USER_BUILD)/library/user/lib/arch/system_call.asm.o

$(USER_BUILD)/library/%.o: %.cpp
	@mkdir -p $(dir $@) $(dir $(BUILD)/cdb/user/$*)
	@echo "  CXX     $<"
	@$(CXX) $(USER_LIBRARY_CXXFLAGS) -I. -MJ $(BUILD)/cdb/user/$*.json -c $< -o $@

$(USER_BUILD)/library/%.asm.o: %.asm
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) $< -o $@

$(USER_LIBRARY): $(USER_LIBRARY_OBJECTS)
	@echo "  AR      $@"
	@rm -f $@
	@$(AR) rcs $@ $^

# --- the programs --------------------------------------------------------------------------------
# Every .c/.cpp file and every folder directly inside the program folders is one program.
USER_PROGRAM_SOURCES := $(sort $(shell find $(USER_PROGRAM_FOLDERS) -mindepth 1 -maxdepth 1 \
	\( -name '*.c' -o -name '*.cpp' -o -type d \) ! -name common 2>/dev/null))
USER_PROGRAM_NAMES := $(basename $(USER_PROGRAM_SOURCES:user/%=%))
USER_PROGRAMS := $(USER_PROGRAM_NAMES:%=$(USER_BUILD)/%)

# The objects of program NAME (bin/hello): its one file, or every source in its folder, plus
# the sources of the "common" folder beside it.
user_program_objects = $(patsubst %,$(USER_BUILD)/objects/%.o,$(wildcard \
	user/$(1).c user/$(1).cpp user/$(1)/*.c user/$(1)/*.cpp \
	user/$(dir $(1))common/*.c user/$(dir $(1))common/*.cpp))

# user/demos/x/y.c may include the headers of user/demos/common/ by their plain names.
user_common_include = -Iuser/$(word 2,$(subst /, ,$(1)))/common

$(USER_BUILD)/objects/%.c.o: %.c
	@mkdir -p $(dir $@) $(dir $(BUILD)/cdb/user/$*)
	@echo "  CC      $<"
	@$(USER_CC) $(USER_CFLAGS) $(call user_common_include,$<) -MJ $(BUILD)/cdb/user/$*.c.json \
		-c $< -o $@

$(USER_BUILD)/objects/%.cpp.o: %.cpp
	@mkdir -p $(dir $@) $(dir $(BUILD)/cdb/user/$*)
	@echo "  CXX     $<"
	@$(CXX) $(USER_CXXFLAGS) $(call user_common_include,$<) -MJ $(BUILD)/cdb/user/$*.cpp.json \
		-c $< -o $@

# user/tests/contract.c checks errors against the table generated from the ABI's comments.
$(USER_BUILD)/objects/user/tests/contract.c.o: $(CONTRACT_TABLE)
$(USER_BUILD)/objects/user/fuzz/fuzz/contract.c.o: $(CONTRACT_TABLE)

# crt0 first, then the program, then the library and the compiler's helpers (64-bit division).
.SECONDEXPANSION:
$(USER_PROGRAMS): $(USER_BUILD)/%: $$(call user_program_objects,%) $(USER_CRT0) \
		$(USER_LIBRARY) $(USER_LINKER_SCRIPT)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(LD) -m elf_i386 -static -nostdlib --gc-sections -T $(USER_LINKER_SCRIPT) -o $@ \
		$(USER_CRT0) $(call user_program_objects,$*) $(USER_LIBRARY) $(COMPILER_RUNTIME)

# --- the initrd ----------------------------------------------------------------------------------
# The archive holds the programs without debug information (the kernel needs only the symbol
# table, to name functions in fault reports); gdb uses the full files in build/user/.
# Data files are packed too: user/data/NAME becomes /data/NAME (the user tests need a file that
# is not a program, to see spawn refuse it).
USER_INITRD_FOLDER := $(BUILD)/initrd
USER_DATA_NAMES := $(patsubst user/%,%,$(sort $(wildcard user/data/*)))
USER_INITRD_FILES := $(USER_PROGRAM_NAMES:%=$(USER_INITRD_FOLDER)/%) \
	$(USER_DATA_NAMES:%=$(USER_INITRD_FOLDER)/%)

$(USER_INITRD_FOLDER)/%: $(USER_BUILD)/%
	@mkdir -p $(dir $@)
	@$(OBJCOPY) --strip-debug $< $@

$(USER_INITRD_FOLDER)/data/%: user/data/%
	@mkdir -p $(dir $@)
	@cp $< $@

# Fixed owner, date and order, so the same sources always give the same archive.
$(BUILD)/initrd.tar: $(USER_INITRD_FILES)
	@echo "  TAR     $@"
	@$(TAR) --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 \
		-cf $@ -C $(USER_INITRD_FOLDER) $(USER_PROGRAM_NAMES) $(USER_DATA_NAMES)

.PHONY: user
user: $(BUILD)/initrd.tar

-include $(shell find $(USER_BUILD) -name '*.d' 2>/dev/null)

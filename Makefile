# The one entry point of the project.
#
#   make            build build/kernel.elf and build/os.iso
#   make run        boot the kernel in QEMU (NOGRAPHIC=1 for serial only, CMDLINE="..." to pass
#                   a kernel command line, ACCEL=kvm to ask for KVM) straight into the shell;
#                   MENU=1 shows the GRUB menu of the shell and each demo; DEMO=restroom
#                   ARGS="--workers 6" boots straight into one demo
#   make debug      boot paused under QEMU's gdbstub; then `make gdb` in another terminal
#                   (DEMO= and ARGS= as for make run)
#   make test       host tests, kernel tests under QEMU, gdb batch test (TEST=name runs one)
#   make trace      boot with the scheduling trace on; writes build/trace.{txt,json,svg}
#                   (TEST=name for a kernel test, DEMO=name ARGS="..." for a demo)
#   make bench      run the benchmarks, print the table, write build/bench.json (BENCH=name,...)
#   make fuzz       the system-call fuzzer, one boot per seed: SEED=first CALLS=per-boot RUNS=boots
#                   (PROCESSES=, THREADS=); any panic, hang or leak names the command repeating it
#   make format     clang-format every source file; make format-check only checks
#   make clean      remove build/
#
# Every host tool can be overridden on the command line (CXX=i686-elf-g++ LD=i686-elf-ld ...).

BUILD      := build
CXX        := clang++
LD         := ld.lld
NASM       := nasm
NM         := nm
# The host tests' compiler: clang++ needs less than half of g++'s time for them (sanitizers on).
HOST_CXX   := clang++
QEMU       := qemu-system-i386
GDB        := gdb
GRUB_MKRESCUE := grub-mkrescue
CLANG_FORMAT  := clang-format

# The kernel command line baked into the ISO that `make run` boots. DEMO=restroom ARGS="..."
# (or DEMO="kitchen --keys 2") adds "run=restroom ARGS" at its end: init starts that program of
# the initrd (a name is looked up in /bin, /demos, /tests) instead of the shell. run= must be
# the last word of the command line (docs/user-tests.md), so CMDLINE itself never holds it:
# make trace puts its own words between the two.
CMDLINE    ?=
DEMO       ?=
ARGS       ?=
KERNEL_COMMAND_LINE := $(strip $(CMDLINE) $(if $(DEMO),run=$(DEMO) $(ARGS)))
# The GRUB menu (the shell and each demo) is hidden and the kernel starts at once; MENU=1 shows
# it and waits for a choice (so does holding Shift while GRUB starts).
MENU       ?= 0
MENU_SECONDS := $(if $(filter 1,$(MENU)),-1,0)
MEMORY     ?= 128M
ACCEL      ?= tcg
# The CPU model: one with SMEP and SMAP (tools/qemu-cpu.sh). QEMU_CPU=qemu32 boots without them.
QEMU_CPU   := $(shell tools/qemu-cpu.sh)
GDB_PORT   ?= 1234

# ---------------------------------------------------------------------------------------------
# Kernel sources: every .cpp and .asm below these folders is part of the kernel.
KERNEL_DIRS    := boot arch/x86 kernel libk tests/kernel
KERNEL_CPP     := $(sort $(shell find $(KERNEL_DIRS) -name '*.cpp'))
KERNEL_ASM     := $(sort $(shell find $(KERNEL_DIRS) -name '*.asm'))
KERNEL_OBJECTS := $(KERNEL_CPP:%.cpp=$(BUILD)/kernel/%.o) $(KERNEL_ASM:%.asm=$(BUILD)/kernel/%.asm.o)
LINKER_SCRIPT  := arch/x86/kernel.ld

# clang's builtins library supplies 64-bit division (__udivdi3 and friends) for i386.
COMPILER_RUNTIME := $(shell $(CXX) --target=i686-elf -print-resource-dir 2>/dev/null)/lib/linux/libclang_rt.builtins-i386.a

WARNINGS := -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wnull-dereference -Wimplicit-fallthrough
# WERROR=1 turns every warning into an error (kernel, user programs, host tests): CI builds that
# way, so the tree stays free of warnings.
WERROR   ?= 0
WARNINGS_AS_ERRORS := $(if $(filter 1,$(WERROR)),-Werror)
KERNEL_CXXFLAGS := --target=i686-elf -std=c++20 -ffreestanding -fno-exceptions -fno-rtti \
	-fno-threadsafe-statics -fno-use-cxa-atexit -nostdinc++ -fno-pic -fno-pie \
	-mno-sse -mno-sse2 -mno-mmx -mno-80387 -fno-omit-frame-pointer \
	-fstack-protector-strong -O2 -g $(WARNINGS) $(WARNINGS_AS_ERRORS) -Werror=return-type \
	-I. -Iarch/x86/include -I$(BUILD)/generated -MMD -MP
NASMFLAGS := -f elf32 -g -F dwarf

# ---------------------------------------------------------------------------------------------
.PHONY: all iso run debug gdb test host-test kernel-test clean format format-check deps \
	compile_commands
all: $(BUILD)/kernel.elf $(BUILD)/os.iso compile_commands.json

$(BUILD)/kernel/%.o: %.cpp
	@mkdir -p $(dir $@) $(dir $(BUILD)/cdb/$*)
	@echo "  CXX     $<"
	@$(CXX) $(KERNEL_CXXFLAGS) -MJ $(BUILD)/cdb/$*.json -c $< -o $@

# The errors each system call's contract lists, read from the comments of the ABI header for the
# dispatcher's contract check (kernel/syscall/contract.cpp).
CONTRACT_TABLE := $(BUILD)/generated/documented_errors.h
$(CONTRACT_TABLE): libk/abi/system_calls.h libk/abi/errors.h tools/contract/documented_errors.py
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@python3 tools/contract/documented_errors.py --header $@
$(BUILD)/kernel/kernel/syscall/contract.o: $(CONTRACT_TABLE)

$(BUILD)/kernel/%.asm.o: %.asm
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) $< -o $@

# The list of objects as a file that changes only when the list does: deleting a source file
# then relinks the kernel (a removed test must not linger in it).
$(BUILD)/kernel.objects: FORCE
	@mkdir -p $(BUILD)
	@echo '$(KERNEL_OBJECTS)' | cmp -s - $@ || echo '$(KERNEL_OBJECTS)' > $@
FORCE:

$(BUILD)/kernel.elf: $(KERNEL_OBJECTS) $(LINKER_SCRIPT) $(BUILD)/kernel.objects
	@echo "  LD      $@"
	@$(LD) -m elf_i386 -nostdlib -T $(LINKER_SCRIPT) -o $@ $(KERNEL_OBJECTS) $(COMPILER_RUNTIME)

# The symbol table GRUB loads as a module: "address size type name" per line, demangled and
# sorted, so panics and exception reports can name the function an address falls in.
$(BUILD)/kernel.sym: $(BUILD)/kernel.elf
	@echo "  SYMBOLS $@"
	@$(NM) -n -C -S --defined-only $< | tools/symbols.sh > $@

# The command line baked into the ISO, as a file that changes only when CMDLINE does, so that
# `make run CMDLINE=...` (or DEMO=...) rebuilds the ISO exactly when the command line is new.
$(BUILD)/cmdline: FORCE
	@mkdir -p $(BUILD)
	@echo '$(MENU_SECONDS) $(KERNEL_COMMAND_LINE)' | cmp -s - $@ || \
		echo '$(MENU_SECONDS) $(KERNEL_COMMAND_LINE)' > $@

$(BUILD)/os.iso: $(BUILD)/kernel.elf $(BUILD)/kernel.sym $(BUILD)/initrd.tar iso/grub.cfg.in \
		tools/make-iso.sh $(BUILD)/cmdline
	@echo "  ISO     $@"
	@tools/make-iso.sh $@ "$(KERNEL_COMMAND_LINE)" $(MENU_SECONDS)
iso: $(BUILD)/os.iso

# The one ISO every batch of tests boots: no command line of its own and no menu delay; each boot
# gets its words through QEMU's fw_cfg (tools/run-kernel-batch.sh).
$(BUILD)/test.iso: $(BUILD)/kernel.elf $(BUILD)/kernel.sym $(BUILD)/initrd.tar iso/grub.cfg.in \
		tools/make-iso.sh
	@echo "  ISO     $@"
	@tools/make-iso.sh $@ "" 0

# clangd reads compile_commands.json; each object's entry is written by clang's -MJ.
compile_commands.json: $(KERNEL_OBJECTS)
	@{ echo '['; find $(BUILD)/cdb -name '*.json' | sort | xargs cat | sed '$$ s/,$$//'; echo ']'; } > $@
compile_commands: compile_commands.json

# ---------------------------------------------------------------------------------------------
QEMU_COMMON := -m $(MEMORY) -accel $(ACCEL) -cpu $(QEMU_CPU) -no-reboot -boot d \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
ifeq ($(NOGRAPHIC),1)
QEMU_DISPLAY := -nographic
else ifneq ($(DISPLAY),)
QEMU_DISPLAY := -serial stdio
else
QEMU_DISPLAY := -display curses -serial file:$(BUILD)/serial.log
endif

run: deps all
	@tools/run-message.sh "$(QEMU_DISPLAY)"
	$(QEMU) $(QEMU_COMMON) -cdrom $(BUILD)/os.iso $(QEMU_DISPLAY) || true

debug: deps all
	@echo "QEMU is paused at the first instruction, waiting for gdb on port $(GDB_PORT)."
	@echo "In another terminal run:  make gdb"
	$(QEMU) $(QEMU_COMMON) -cdrom $(BUILD)/os.iso -S -gdb tcp::$(GDB_PORT) \
		$(if $(DISPLAY),-serial stdio,-nographic) || true

gdb: $(BUILD)/kernel.elf
	$(GDB) -q -ex "set \$$gdb_port = $(GDB_PORT)" -x tools/gdb/kernel.gdb $(BUILD)/kernel.elf

deps:
	@tools/install-deps.sh --check-or-install

# ---------------------------------------------------------------------------------------------
# Tests: host GoogleTest, then one QEMU per kernel test, then the gdb batch test.
test: deps all
	@tools/run-tests.sh $(if $(TEST),--only $(TEST))

# The system-call fuzzer (user/fuzz/, docs/fuzzing.md): RUNS boots with seeds SEED, SEED+1, ...
SEED      ?= 1
CALLS     ?= 20000
RUNS      ?= 1
PROCESSES ?= 3
THREADS   ?= 3
.PHONY: fuzz
fuzz: deps all $(BUILD)/test.iso
	@python3 tools/fuzz/fuzz.py --build $(BUILD) --seed $(SEED) --calls $(CALLS) --runs $(RUNS) \
		--processes $(PROCESSES) --threads $(THREADS)

include tests/host/host.mk
include user/demos/host-demos.mk
include user/user.mk
include tools/trace/trace.mk
include tools/bench/bench.mk

# ---------------------------------------------------------------------------------------------
FORMAT_FILES = $(shell find $(wildcard boot arch kernel libk user tests) \
	-name '*.cpp' -o -name '*.c' -o -name '*.h' | sort)
format:
	$(CLANG_FORMAT) -i $(FORMAT_FILES)
format-check:
	@$(CLANG_FORMAT) --dry-run --Werror $(FORMAT_FILES) && echo "format-check: all files formatted"

clean:
	rm -rf $(BUILD) compile_commands.json

-include $(shell find $(BUILD)/kernel -name '*.d' 2>/dev/null)

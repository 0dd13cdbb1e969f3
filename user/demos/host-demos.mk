# The demos built for Linux with the host C compiler and pthreads: `make host-demos` writes
# build/host-demos/<demo> for every folder of user/demos/ except common/. The same sources are
# meant for the kernel's user library; see docs/demos.md. Included by the top-level Makefile.
#
# -mgeneral-regs-only turns any floating point into a compile error: the demos keep to integers,
# so that they print the same figures on both systems (the kernel's programs may use the x87 FPU,
# whose state it saves per thread, but not SSE); -no-pie keeps globals at the same address in every process, as a
# static ELF on the kernel does, so the workshop demo can show one address with many values.

HOST_CC          ?= cc
HOST_DEMOS       := $(filter-out common,$(sort $(patsubst user/demos/%/,%,$(dir $(wildcard user/demos/*/*.c)))))
HOST_DEMO_DIR    := $(BUILD)/host-demos
HOST_DEMO_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -O2 -g -fno-builtin -Wall -Wextra -Wshadow -Wvla \
	-mgeneral-regs-only -fno-pie -pthread -Iuser/demos/common -MMD -MP
HOST_DEMO_LDFLAGS := -no-pie -pthread

HOST_DEMO_COMMON_OBJECTS := $(patsubst %.c,$(HOST_DEMO_DIR)/objects/%.o,\
	$(sort $(wildcard user/demos/common/*.c)))
host_demo_objects = $(patsubst %.c,$(HOST_DEMO_DIR)/objects/%.o,$(sort $(wildcard user/demos/$(1)/*.c)))

.PHONY: host-demos
host-demos: $(addprefix $(HOST_DEMO_DIR)/,$(HOST_DEMOS))

$(HOST_DEMO_DIR)/objects/%.o: %.c user/demos/host-demos.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOST_CC) $(HOST_DEMO_CFLAGS) -c $< -o $@

# One link rule per demo: its own folder's objects plus the common ones.
define host_demo_link
$(HOST_DEMO_DIR)/$(1): $(call host_demo_objects,$(1)) $(HOST_DEMO_COMMON_OBJECTS)
	@echo "  LINK    $$@"
	@$(HOST_CC) $(HOST_DEMO_LDFLAGS) -o $$@ $$^
endef
$(foreach demo,$(HOST_DEMOS),$(eval $(call host_demo_link,$(demo))))

-include $(shell find $(HOST_DEMO_DIR)/objects -name '*.d' 2>/dev/null)

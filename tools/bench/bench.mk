# `make bench`: boots the kernel's benchmarks, prints the table and writes build/bench.json
# (tools/bench/bench.py; docs/performance.md explains the method and the figures). Two boots:
# TSC cycles as QEMU's TCG gives them (host time), then guest instructions under -icount.
#
#   make bench BENCH=mutex,yield        only these benchmarks (names or their beginnings)
#   make bench BENCH_SAMPLES=201        samples per benchmark (the kernel's default is 2001)
#   make bench BENCH_CLOCKS=cycles      one of the two boots only (cycles or instructions)
#   make bench BENCH_OUTPUT=file.json   somewhere else than build/bench.json
# Included by the top-level Makefile.

BENCH         ?= all
BENCH_SAMPLES ?=
BENCH_CLOCKS  ?= cycles,instructions
BENCH_OUTPUT  ?= $(BUILD)/bench.json
BENCH_WORK    ?= $(BUILD)/bench

.PHONY: bench
bench: deps all
	@python3 tools/bench/bench.py --select "$(BENCH)" --clocks "$(BENCH_CLOCKS)" \
		$(if $(BENCH_SAMPLES),--samples $(BENCH_SAMPLES)) --output "$(BENCH_OUTPUT)" \
		--work "$(BENCH_WORK)" --build "$(BUILD)" --qemu "$(QEMU)" --cpu "$(QEMU_CPU)" --memory "$(MEMORY)"

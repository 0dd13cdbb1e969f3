# make trace: boot headless with the scheduling trace on, collect it from COM2 into
# build/trace.txt, and convert it into build/trace.json (Perfetto, chrome://tracing) and
# build/trace.svg (any browser). Included by the top-level Makefile.
#
#   make trace TEST=trace_restroom          a kernel test (the default)
#   make trace DEMO=restroom ARGS="..."     a demo program (QEMU exits when it ends)
#
# trace=on comes first on the command line because run= takes the rest of the line.

TRACE_TIMEOUT ?= 120
TRACE_RUN = $(if $(DEMO),test-exit=trace-$(DEMO) run=$(DEMO) $(ARGS),test=$(or $(TEST),trace_restroom))
TRACE_TITLE = $(if $(DEMO),$(DEMO) $(ARGS),kernel test $(or $(TEST),trace_restroom))

.PHONY: trace
trace: deps all
	@TRACE_TIMEOUT=$(TRACE_TIMEOUT) tools/trace/run-trace.sh \
		"$(strip trace=on $(CMDLINE) $(TRACE_RUN))" "$(TRACE_TITLE)"

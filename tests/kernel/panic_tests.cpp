// The panic path itself: a deliberate panic must end QEMU with the failure status and a report.
#include "kernel/debug/panic.h"
#include "kernel/testing/kernel_test.h"

KERNEL_TEST_EXPECTING_PANIC(panic_exits_with_failure, "deliberate panic from a test") {
    panic("deliberate panic from a test (value %d)", 7);
}

// See allocation_failure.h.
#include "kernel/memory/allocation_failure.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/debug/log.h"
#include "kernel/memory/interrupts_off.h"

namespace memory::allocation_failure {
namespace {

// All guarded by disabling interrupts.
bool g_armed = false;
bool g_failed = false;
uint32_t g_target = 0;
uint32_t g_counted = 0;

} // namespace

void fail_nth(uint32_t n) {
    InterruptsOff interrupts_off;
    g_armed = n != 0;
    g_failed = false;
    g_target = n;
    g_counted = 0;
}

void disarm() {
    InterruptsOff interrupts_off;
    g_armed = false;
}

bool should_fail() {
    InterruptsOff interrupts_off;
    if (!g_armed)
        return false;
    if (++g_counted != g_target)
        return false;
    g_armed = false;
    g_failed = true;
    return true;
}

bool has_failed() {
    InterruptsOff interrupts_off;
    return g_failed;
}

uint32_t allocations_counted() {
    InterruptsOff interrupts_off;
    return g_counted;
}

void arm_from_command_line() {
    uint32_t n = command_line::number("fail-alloc", 0, 1, 0xFFFFFFFF);
    if (n == 0)
        return;
    log::info("memory", "fail-alloc=%u: kernel allocation %u from now on will fail", n, n);
    fail_nth(n);
}

} // namespace memory::allocation_failure

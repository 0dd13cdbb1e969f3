// See call_log.h. The ring is written with interrupts off (a call on one thread can be preempted
// by a call on another) and read by the panic report, which has turned them off for good.
#include "kernel/syscall/call_log.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/console/console.h"
#include "kernel/debug/log.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/process.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/syscall/contract.h"
#include "libk/abi/errors.h"
#include "libk/string.h"

namespace system_call::call_log {
namespace {

struct Entry {
    uint32_t sequence; // 0: never used
    uint32_t pid;
    uint32_t tid;
    uint32_t number;
    uint32_t arguments[5];
    uint32_t result;
    bool returned;
};

// All protected by disabling interrupts.
bool g_on = false;
uint32_t g_next_sequence = 1;
Entry g_ring[CAPACITY];

Entry& slot_of(uint32_t sequence) {
    return g_ring[sequence % CAPACITY];
}

void print_result(const Entry& entry) {
    if (!entry.returned) {
        console::print("(has not returned)\n");
        return;
    }
    auto value = static_cast<int32_t>(entry.result);
    if (value < 0 && value > -4096)
        console::print("-> %s\n", contract::error_name(-value));
    else
        console::print("-> %#x\n", entry.result);
}

} // namespace

void initialize() {
    char value[8];
    g_on = command_line::find("syscall_log", value, sizeof value) && strcmp(value, "on") == 0;
    if (!g_on)
        return;
    if (!debug::add_panic_reporter(print))
        log::warning("syscall", "no room in the panic report for the system-call log");
    log::info("syscall", "syscall_log=on: a panic report ends with the last %zu calls", CAPACITY);
}

bool is_on() {
    return g_on;
}

uint32_t begin(uint32_t number, const uint32_t (&arguments)[5]) {
    if (!g_on)
        return 0;
    Thread& thread = scheduler::current();
    InterruptGuard guard;
    uint32_t sequence = g_next_sequence++;
    Entry& entry = slot_of(sequence);
    entry = {sequence, thread.process()->id(), thread.id(), number, {}, 0, false};
    for (size_t i = 0; i < 5; ++i)
        entry.arguments[i] = arguments[i];
    return sequence;
}

void finish(uint32_t sequence, uint32_t result) {
    if (sequence == 0)
        return;
    InterruptGuard guard;
    Entry& entry = slot_of(sequence);
    if (entry.sequence != sequence)
        return; // overwritten while the call was blocked
    entry.result = result;
    entry.returned = true;
}

void print() {
    console::print("last system calls (syscall_log=on), oldest first:\n");
    uint32_t first = g_next_sequence > CAPACITY ? g_next_sequence - CAPACITY : 1;
    for (uint32_t sequence = first; sequence < g_next_sequence; ++sequence) {
        const Entry& entry = slot_of(sequence);
        if (entry.sequence != sequence)
            continue;
        console::print("  #%u pid %u tid %u %s(%#x, %#x, %#x, %#x, %#x) ", sequence, entry.pid,
                       entry.tid, contract::call_name(entry.number), entry.arguments[0],
                       entry.arguments[1], entry.arguments[2], entry.arguments[3],
                       entry.arguments[4]);
        print_result(entry);
    }
}

} // namespace system_call::call_log

// See thread_dump_key.h.
#include "kernel/sched/thread_dump_key.h"
#include "arch/serial.h"
#include "kernel/sched/thread_dump.h"

namespace scheduler {
namespace {
bool g_polling = true; // read and written with interrupts disabled
} // namespace

void stop_polling_for_thread_dump_key() {
    g_polling = false;
}

void poll_thread_dump_key() {
    if (!g_polling)
        return;
    // A few bytes per tick at most: a stream of input must not keep the tick handler busy.
    for (int i = 0; i < 16 && arch::serial::has_input(); ++i) {
        if (arch::serial::read_byte() == THREAD_DUMP_KEY)
            dump_threads();
    }
}

} // namespace scheduler

// Ctrl-T on the serial console prints the thread dump (thread_dump.h), like the "status" key of
// BSD terminals. The timer tick polls the serial port for it.
//
// Until the console has an input queue of its own, every other byte that arrives on the serial
// port is dropped here; then the input queue (kernel/proc/console_input.h) takes the port and
// the key over, and the tick stops polling.
#pragma once

namespace scheduler {

constexpr char THREAD_DUMP_KEY = 0x14; // Ctrl-T

// From the timer tick: reads what the serial port has received and dumps on Ctrl-T.
void poll_thread_dump_key();

// The console's input queue reads the serial port from now on (and handles Ctrl-T itself).
void stop_polling_for_thread_dump_key();

} // namespace scheduler

// The scheduling trace: the scheduler and the synchronization objects call a hook here at each
// event (a switch, a block, a wake, a mutex or semaphore operation, a thread or process coming
// and going); the events go into a ring buffer as binary records, and a writer thread sends them
// as text (docs/trace-format.md) to the second serial port, COM2, for tools/trace/convert.py.
//
// Off unless the kernel command line says trace=on. Off, a hook costs one load and one branch
// that is never taken. On, it fills a record or two with interrupts off: no formatting, no
// allocation, no lock. The scheduler and the objects call their hooks inside their own critical
// sections (interrupts disabled), so the events of one operation stay together; "the running
// thread" below is the thread the event is about unless the hook names another.
#pragma once

#include "kernel/trace/object_number.h"
#include "kernel/trace/record.h"
#include "libk/error_or.h"

class Mutex;
class Semaphore;
class Thread;

namespace trace {

// Starts tracing when the command line says trace=on. Once at boot, after the scheduler has
// started (the writer is a thread) and with interrupts on (calibration counts timer ticks).
void initialize();

// Starts tracing now (initialize() does this for trace=on; the cost measurement calls it
// itself): allocates the ring, calibrates the clock, starts the writer thread, then records.
// OutOfMemory when the ring does not fit; starting twice is harmless.
libk::ErrorOr<void> start();

// The end of the run (a test's verdict, the end of the program the kernel was started for):
// stops recording and writes whatever the ring still holds, then a closing comment line.
// Nothing happens when tracing is off.
void finish();

struct Statistics {
    uint64_t records_written; // lines sent to COM2 (or that would have been, without COM2)
    uint64_t records_lost;    // dropped because the ring was full
    size_t records_waiting;   // in the ring now
};
Statistics statistics();

// For processes (kernel/proc/): call when a process has been created and when it has ended.
void process_created(uint32_t pid, const char* name, uint32_t parent);
void process_exited(uint32_t pid, int32_t status);

// ------------------------------------------------------------------------------------------
// The hooks. Each one is the test of g_recording inline, and a call to the recording function
// (recorder.cpp) only when it is set.

extern bool g_recording; // written only by start() and finish()

// For objects outside kernel/sync/ (the user-space mutex and semaphore objects), which call the
// generic record_ functions below themselves: `if (trace::recording()) trace::record_...`.
inline bool recording() {
    return g_recording;
}

void record_switch(const Thread& out, const Thread& in, SwitchReason reason);
void record_thread_created(const Thread& thread);
void record_thread_exited(const Thread& thread);
void record_sleep();
void record_sleep_ended(const Thread& sleeper);
void record_join(const Thread& target);
void record_join_ended(const Thread& joiner, const Thread& exited);
void record_mutex_acquired(Mutex& mutex);
void record_mutex_contended(Mutex& mutex);
void record_mutex_released(Mutex& mutex);
void record_semaphore_wait(Semaphore& semaphore);
void record_semaphore_acquired(Semaphore& semaphore);
void record_semaphore_posted(Semaphore& semaphore, const Thread* woken);
// The same events for any lock or semaphore, described by its number and name (thread ids, or
// NO_THREAD for "nobody").
void record_mutex_acquired(ObjectNumber& number, const char* name);
void record_mutex_contended(ObjectNumber& number, const char* name, uint32_t owner);
void record_mutex_released(ObjectNumber& number, const char* name, uint32_t next_owner);
void record_semaphore_wait(ObjectNumber& number, const char* name, uint32_t value);
void record_semaphore_acquired(ObjectNumber& number, const char* name, uint32_t value);
void record_semaphore_posted(ObjectNumber& number, const char* name, uint32_t woken,
                             uint32_t value);

// The CPU passes from `out` to `in`.
inline void thread_switch(const Thread& out, const Thread& in, SwitchReason reason) {
    if (g_recording) [[unlikely]]
        record_switch(out, in, reason);
}
inline void thread_created(const Thread& thread) {
    if (g_recording) [[unlikely]]
        record_thread_created(thread);
}
inline void thread_exited(const Thread& thread) {
    if (g_recording) [[unlikely]]
        record_thread_exited(thread);
}
// The running thread goes to sleep (block on "sleep").
inline void sleep_begins() {
    if (g_recording) [[unlikely]]
        record_sleep();
}
// The timer wakes `sleeper`.
inline void sleep_ended(const Thread& sleeper) {
    if (g_recording) [[unlikely]]
        record_sleep_ended(sleeper);
}
// The running thread waits for `target` to exit (block on "join:<target>").
inline void join_begins(const Thread& target) {
    if (g_recording) [[unlikely]]
        record_join(target);
}
// `exited` has exited and wakes `joiner`.
inline void join_ended(const Thread& joiner, const Thread& exited) {
    if (g_recording) [[unlikely]]
        record_join_ended(joiner, exited);
}
// The running thread took the free mutex.
inline void mutex_acquired(Mutex& mutex) {
    if (g_recording) [[unlikely]]
        record_mutex_acquired(mutex);
}
// The running thread found the mutex owned and is about to wait (mutex_contended and block).
inline void mutex_contended(Mutex& mutex) {
    if (g_recording) [[unlikely]]
        record_mutex_contended(mutex);
}
// The running thread released the mutex; the new owner (mutex.owner(), after the hand-off) is
// woken and acquires it (mutex_release, and wake and mutex_acquire for the new owner).
inline void mutex_released(Mutex& mutex) {
    if (g_recording) [[unlikely]]
        record_mutex_released(mutex);
}
// The running thread asks for a key; with none free it is about to wait (semaphore_wait, and
// block when it will wait).
inline void semaphore_wait(Semaphore& semaphore) {
    if (g_recording) [[unlikely]]
        record_semaphore_wait(semaphore);
}
// The running thread got a free key.
inline void semaphore_acquired(Semaphore& semaphore) {
    if (g_recording) [[unlikely]]
        record_semaphore_acquired(semaphore);
}
// The running thread gave a key back; when `woken` is not nullptr the key went straight to it
// (semaphore_post, and wake and semaphore_acquire for `woken`).
inline void semaphore_posted(Semaphore& semaphore, const Thread* woken) {
    if (g_recording) [[unlikely]]
        record_semaphore_posted(semaphore, woken);
}

} // namespace trace

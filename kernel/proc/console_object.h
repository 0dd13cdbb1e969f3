// The console as a kernel object: what handles 0, 1 and 2 of every process name. Reading takes
// typed input (console_input.h); writing prints on the console (serial port and screen). One
// object serves every process and is never deleted.
#pragma once

#include "kernel/proc/kernel_object.h"
#include "kernel/sync/mutex.h"

class ConsoleObject final : public KernelObject {
public:
    static constexpr ObjectKind KIND = ObjectKind::Console;

    // The one console object.
    static ConsoleObject& instance();

    libk::ErrorOr<size_t> read(Process& caller, uintptr_t buffer, size_t count) override;
    // Every byte is written before it returns; one call's bytes are never mixed with another
    // program's (a lock is held for the whole call). BadAddress if any byte of the buffer cannot
    // be read; then nothing is written.
    libk::ErrorOr<size_t> write(Process& caller, uintptr_t buffer, size_t count) override;

private:
    ConsoleObject() : KernelObject(ObjectKind::Console) {}

    Mutex m_output_lock{"console output"}; // held for a whole write(), so its bytes stay together
};

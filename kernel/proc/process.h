// Process: the unit of resource ownership. For now (until user processes arrive) this is only
// what threads need from their owner: a name for reports and the page directory to load when the
// CPU switches to one of its threads. Every kernel thread belongs to the kernel process.
#pragma once

#include "libk/types.h"

using ProcessId = uint32_t;

class Process {
public:
    Process(ProcessId id, const char* name, uintptr_t page_directory_physical);
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    ProcessId id() const { return m_id; }
    const char* name() const { return m_name; }
    // Physical address of the page directory, the value CR3 takes for this process's threads.
    uintptr_t page_directory_physical() const { return m_page_directory_physical; }

private:
    ProcessId m_id;
    char m_name[32];
    uintptr_t m_page_directory_physical;
};

// The process of all kernel threads; its page directory is the kernel's own.
Process& kernel_process();

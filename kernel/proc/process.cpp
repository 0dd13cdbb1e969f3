// See process.h.
#include "kernel/proc/process.h"
#include "kernel/memory/kernel_page_tables.h"
#include "libk/string.h"

Process::Process(ProcessId id, const char* name, uintptr_t page_directory_physical)
    : m_id(id), m_page_directory_physical(page_directory_physical) {
    libk::copy_string(m_name, name, sizeof m_name);
}

Process& kernel_process() {
    // Made on first use, which is the scheduler's start, after the memory subsystem has built
    // the kernel's own page directory.
    static Process process(0, "kernel", memory::kernel_page_tables().directory());
    return process;
}

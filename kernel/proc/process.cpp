// See process.h.
#include "kernel/proc/process.h"
#include "arch/cpu.h"
#include "libk/string.h"

Process::Process(ProcessId id, const char* name, uintptr_t page_directory_physical)
    : m_id(id), m_page_directory_physical(page_directory_physical) {
    libk::copy_string(m_name, name, sizeof m_name);
}

Process& kernel_process() {
    // Made on first use, which is the scheduler's start, after the kernel's page directory is in
    // place: CR3 then holds exactly the directory kernel threads run in.
    static Process process(0, "kernel", arch::read_cr3());
    return process;
}

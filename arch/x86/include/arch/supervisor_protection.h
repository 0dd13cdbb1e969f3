// SMEP and SMAP (Intel SDM vol. 3, 4.6): two switches in CR4 with which the CPU itself keeps the
// kernel (the "supervisor") away from user pages. With SMEP the kernel never executes a user page,
// so a bug that makes it jump to an address a program chose cannot run the program's code. With
// SMAP it never reads or writes one either, except while EFLAGS.AC is set: the user-memory
// window, opened with stac and closed with clac.
//
// The kernel's copies to and from user memory (memory::AddressSpace) need no window: they reach
// a user page through the direct map, a kernel mapping of the same frame. So with SMAP on, any
// kernel access through a user address is a bug, and it ends in a page fault that the report
// names "kernel touched user memory outside a user copy" (arch/x86/exceptions.cpp).
#pragma once

#include <stdint.h>

namespace arch {

struct SupervisorProtection {
    bool smep; // Supervisor Mode Execution Prevention
    bool smap; // Supervisor Mode Access Prevention
};

// What the CPU offers (CPUID leaf 7, EBX bits 7 and 20).
SupervisorProtection supported_supervisor_protection();

// Turns on all the CPU offers (CR4 bits 20 and 21) and returns what is on. Once, at boot, with
// interrupts off and before the kernel's page tables make the read-only-after-boot data so.
SupervisorProtection enable_supervisor_protection();

// What is on now, from CR4.
SupervisorProtection active_supervisor_protection();

constexpr uint32_t FLAGS_ALIGNMENT_CHECK = 1u << 18; // EFLAGS.AC: the SMAP window is open

// The user-memory window, for the rare code that must touch user memory through its user address
// (the kernel's own tests of the MMU): open for the guard's lifetime (a window opened inside
// another leaves it open). stac and clac exist only on CPUs with SMAP (elsewhere they are invalid
// opcodes), so without SMAP the guard does nothing, and nothing is needed. Keep it short, and
// never block or switch threads inside it: EFLAGS is
// not part of a thread's saved context, so the next thread would run with the window open (the
// scheduler refuses to switch then). An interrupt closes it for its handler (interrupt_entry.asm)
// and iret reopens it.
class [[nodiscard]] UserMemoryWindow {
public:
    UserMemoryWindow();
    ~UserMemoryWindow();
    UserMemoryWindow(const UserMemoryWindow&) = delete;
    UserMemoryWindow& operator=(const UserMemoryWindow&) = delete;

private:
    bool m_was_open;
};

// True inside a UserMemoryWindow when SMAP is on.
bool user_memory_window_is_open();

} // namespace arch

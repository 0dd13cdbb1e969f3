// Single CPU instructions the portable kernel needs, behind names that say what they do.
// This header is part of the arch boundary: kernel/ calls these, never inline asm of its own.
#pragma once

#include <stdint.h>

namespace arch {

inline void disable_interrupts() {
    asm volatile("cli" ::: "memory");
}
inline void enable_interrupts() {
    asm volatile("sti" ::: "memory");
}

// Waits for the next interrupt (the idle loop and the final halt use this).
inline void halt() {
    asm volatile("hlt" ::: "memory");
}

// Busy-wait hint for spin loops.
inline void pause() {
    asm volatile("pause");
}

inline uint32_t read_flags() {
    uint32_t flags;
    asm volatile("pushfl; popl %0" : "=r"(flags));
    return flags;
}

constexpr uint32_t FLAGS_INTERRUPT_ENABLE = 1u << 9;

inline bool interrupts_enabled() {
    return (read_flags() & FLAGS_INTERRUPT_ENABLE) != 0;
}

inline uint64_t read_timestamp_counter() {
    uint32_t low, high;
    asm volatile("rdtsc" : "=a"(low), "=d"(high));
    return (static_cast<uint64_t>(high) << 32) | low;
}

inline uint32_t read_cr0() {
    uint32_t value;
    asm volatile("mov %%cr0, %0" : "=r"(value));
    return value;
}
inline uint32_t read_cr2() {
    uint32_t value;
    asm volatile("mov %%cr2, %0" : "=r"(value));
    return value;
}
inline uint32_t read_cr3() {
    uint32_t value;
    asm volatile("mov %%cr3, %0" : "=r"(value));
    return value;
}
inline uint32_t read_cr4() {
    uint32_t value;
    asm volatile("mov %%cr4, %0" : "=r"(value));
    return value;
}

// Stops this CPU for good: interrupts off, then halt in a loop (an NMI could wake a bare hlt).
[[noreturn]] inline void halt_forever() {
    for (;;) {
        disable_interrupts();
        halt();
    }
}

} // namespace arch

// The x87 floating-point unit. User threads may use it (not SSE: see libk/abi/program_start.h),
// so each user thread owns a saved copy of its registers; the kernel itself is compiled without
// floating point and never touches them, which lets the switch code save and restore the state
// only when the CPU moves from one user thread's state to another's (kernel/proc/user_thread.cpp).
#pragma once

#include <stdint.h>

namespace arch {

// The 108-byte image that fnsave writes and frstor reads (Intel SDM vol. 1, 8.1.10).
struct alignas(4) FpuState {
    uint8_t bytes[108];
};

// Sets CR0 for an x87 that is present and used directly (no emulation, no lazy-switch trap), with
// floating-point errors reported as exception 16, and initializes it. Once, at boot.
void initialize_fpu();

// Stores the x87 registers into `state` (fnsave, which also reinitializes the unit).
void save_fpu_state(FpuState& state);
// Loads the x87 registers from `state`.
void restore_fpu_state(const FpuState& state);
// The state a new thread starts with: that of fninit (round to nearest, all exceptions masked,
// empty register stack).
void initial_fpu_state(FpuState& state);

} // namespace arch

// The system-call boundary: `int 0x80` from user mode arrives here. The contract (numbers,
// arguments, results, errors) is libk/abi/system_calls.h, shared with the user library.
#pragma once

namespace system_call {

// Installs the handler of vector 0x80 (arch::SYSTEM_CALL_VECTOR). Once, at boot.
void initialize();

} // namespace system_call

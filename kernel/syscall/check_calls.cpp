// The self_check call: a program asks the kernel to check its own invariants
// (kernel/debug/self_check.h). Only with self_check=on on the command line: the walk keeps
// interrupts off for a while, which an ordinary system should not let any program cause.
#include "kernel/debug/self_check.h"
#include "kernel/syscall/calls.h"

namespace system_call {

Result self_check() {
    if (!self_check::is_allowed())
        return libk::Error::NotPermitted;
    if (self_check::run() != 0)
        return libk::Error::Inconsistent;
    return 0u;
}

} // namespace system_call

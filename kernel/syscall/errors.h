// The POSIX error number (libk/abi/errors.h, Linux's values) for each kernel error, which is
// what a failed system call returns, negated, in eax.
#pragma once

#include "libk/error.h"

namespace system_call {

int error_number(libk::Error error);

} // namespace system_call

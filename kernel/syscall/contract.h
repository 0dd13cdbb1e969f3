// The contract check: every error a system call returns must be one that its comment in
// libk/abi/system_calls.h lists. The list is read from those comments at build time
// (tools/contract/documented_errors.py); an error outside it is a kernel bug, reported in the
// log with the marker the test runner fails on, and still returned to the caller.
#pragma once

#include "libk/types.h"

namespace system_call::contract {

// The line the log gets for an error outside the contract starts with this (tools/
// run-kernel-test.sh fails any test whose log holds it).
constexpr const char MARKER[] = "CONTRACT BROKEN";

// Checks the error number that call `number` is about to return. Calls whose thread will never
// see the result (its process is ending) are not checked: the error never reaches user space.
void check_error(uint32_t number, int error);

// The call's name from the same table ("mutex_lock"), or "unknown call" for a number outside it.
const char* call_name(uint32_t number);
// The error's name ("EBADF"), or "an unnamed error".
const char* error_name(int error);

// How often check_error found an error outside the contract since boot (for kernel tests).
uint32_t broken_count();

} // namespace system_call::contract

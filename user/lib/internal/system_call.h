// How the user library makes system calls and reports their errors. Every wrapper is
//     return userlib::c_result(system_call(SYSCALL_X, arguments...));
// or, for the pthread functions that return error numbers, userlib::error_number(...).
#pragma once

#include <libk/abi/errors.h>
#include <libk/abi/system_calls.h>
#include <stdint.h>

extern "C" {
// user/lib/arch/system_call.asm
long __system_call(unsigned long number, unsigned long argument1, unsigned long argument2,
                   unsigned long argument3, unsigned long argument4, unsigned long argument5);
void* __read_thread_pointer();
}

namespace userlib {

// Any argument that fits in a register: integers, pointers, handles.
template <typename T>
inline unsigned long to_register(T value) {
    if constexpr (sizeof(T) == sizeof(unsigned long) && !__is_integral(T))
        return reinterpret_cast<unsigned long>(value);
    else
        return static_cast<unsigned long>(value);
}

// Makes a system call with zero to five arguments; returns the raw result.
template <typename... Arguments>
inline long system_call(abi_system_call number, Arguments... arguments) {
    static_assert(sizeof...(Arguments) <= 5, "a system call takes at most five arguments");
    unsigned long registers[5] = {to_register(arguments)...};
    return __system_call(number, registers[0], registers[1], registers[2], registers[3],
                         registers[4]);
}

// True when a raw result is a negated error number (results in [-4095, -1]; addresses above
// 0x80000000, negative as a long, are not errors).
inline bool is_error(long result) {
    return static_cast<unsigned long>(result) > static_cast<unsigned long>(-ABI_ERROR_LIMIT);
}

// The error number in a raw result, 0 for success: what pthread functions return.
inline int error_number(long result) {
    return is_error(result) ? static_cast<int>(-result) : 0;
}

// Sets errno for the calling thread (user/lib/pthread/thread_control_block.cpp).
void set_errno(int error);

// The C convention: the result, or -1 with errno set.
inline long c_result(long result) {
    if (is_error(result)) {
        set_errno(static_cast<int>(-result));
        return -1;
    }
    return result;
}

} // namespace userlib

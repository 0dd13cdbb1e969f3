// The system's own calls (<os.h>) and raw system calls (<sys/syscall.h>).
#include "user/lib/internal/system_call.h"
#include <os.h>
#include <stdarg.h>
#include <sys/syscall.h>

extern "C" {

int os_process_info(pid_t pid, struct abi_process_info* info) {
    return userlib::c_result(userlib::system_call(SYSCALL_PROCESS_INFO, pid, info));
}

int os_process_list(struct abi_process_info* buffer, int capacity) {
    return userlib::c_result(userlib::system_call(SYSCALL_PROCESS_LIST, buffer, capacity));
}

int os_thread_list(struct abi_thread_info* buffer, int capacity) {
    return userlib::c_result(userlib::system_call(SYSCALL_THREAD_LIST, buffer, capacity));
}

int os_system_info(struct abi_system_info* info) {
    return userlib::c_result(userlib::system_call(SYSCALL_SYSTEM_INFO, info));
}

int os_self_check() {
    return userlib::c_result(userlib::system_call(SYSCALL_SELF_CHECK));
}

uint64_t os_uptime_ms() {
    uint64_t milliseconds = 0;
    userlib::system_call(SYSCALL_UPTIME_MS, &milliseconds);
    return milliseconds;
}

uint64_t os_read_cycles() {
    uint64_t cycles = 0;
    userlib::system_call(SYSCALL_READ_CYCLES, &cycles);
    return cycles;
}

int os_set_foreground(pid_t pid) {
    return userlib::c_result(userlib::system_call(SYSCALL_CONSOLE_SET_FOREGROUND, pid));
}

// Always reads five arguments: the extra ones are whatever the caller's stack holds, which the
// kernel ignores for calls that take fewer.
long syscall(long number, ...) {
    va_list arguments;
    va_start(arguments, number);
    unsigned long values[5];
    for (unsigned long& value : values)
        value = va_arg(arguments, unsigned long);
    va_end(arguments);
    return userlib::c_result(
        __system_call(number, values[0], values[1], values[2], values[3], values[4]));
}

} // extern "C"

// See contract.h. The table comes from build/generated/documented_errors.h, written by
// tools/contract/documented_errors.py from the comments of libk/abi/system_calls.h, so the
// comment a student reads and the check the kernel makes cannot drift apart.
#include "kernel/syscall/contract.h"
#include "documented_errors.h"
#include "kernel/debug/log.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/user_thread.h"

namespace system_call::contract {
namespace {

uint32_t g_broken = 0; // only grows; changed and read atomically (calls are preemptible)

const abi_documented_errors* documented_errors_of(uint32_t number) {
    for (const abi_documented_errors& call : ABI_DOCUMENTED_ERRORS) {
        if (static_cast<uint32_t>(call.number) == number)
            return &call;
    }
    return nullptr;
}

bool is_listed(const abi_documented_errors& call, int error) {
    for (int listed : call.errors) {
        if (listed == 0)
            return false;
        if (listed == error)
            return true;
    }
    return false;
}

} // namespace

const char* error_name(int error) {
    for (const abi_error_name& entry : ABI_ERROR_NAMES) {
        if (entry.number == error)
            return entry.name;
    }
    return "an unnamed error";
}

const char* call_name(uint32_t number) {
    const abi_documented_errors* call = documented_errors_of(number);
    return call != nullptr ? call->name : "unknown call";
}

void check_error(uint32_t number, int error) {
    const abi_documented_errors* call = documented_errors_of(number);
    if (call == nullptr)
        return; // an unknown number: ENOSYS, the rule for every call
    if (is_listed(*call, error))
        return;
    UserThread* thread = current_user_thread();
    if (thread != nullptr && lifecycle::must_end(*thread))
        return;
    __atomic_add_fetch(&g_broken, 1, __ATOMIC_RELAXED);
    log::error("syscall", "%s: %s returned %s (%d), which libk/abi/system_calls.h does not list",
               MARKER, call->name, error_name(error), error);
}

uint32_t broken_count() {
    return __atomic_load_n(&g_broken, __ATOMIC_RELAXED);
}

} // namespace system_call::contract

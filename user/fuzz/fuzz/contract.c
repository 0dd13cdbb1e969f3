/* Checks of results. Every error a call returns must be in the list its comment in
 * libk/abi/system_calls.h gives (the table generated from those comments, the one the kernel's
 * dispatcher checks too); where the fuzzer knows more (a scenario built a known situation), the
 * result must be exactly what the contract promises there. A failed check is a violation: one
 * line naming the seed, the worker and the call, so the run can be repeated. */
#include "documented_errors.h"
#include "fuzz.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

long fuzz_call(uint32_t number, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e) {
    return __system_call(number, a, b, c, d, e);
}

int is_error(long result) {
    return result < 0 && result > -4096;
}

const char* call_name(uint32_t number) {
    for (size_t i = 0; i < COUNT(ABI_DOCUMENTED_ERRORS); ++i) {
        if ((uint32_t)ABI_DOCUMENTED_ERRORS[i].number == number)
            return ABI_DOCUMENTED_ERRORS[i].name;
    }
    return "an unknown call";
}

const char* error_name(int error) {
    for (size_t i = 0; i < COUNT(ABI_ERROR_NAMES); ++i) {
        if (ABI_ERROR_NAMES[i].number == error)
            return ABI_ERROR_NAMES[i].name;
    }
    return "an unnamed error";
}

static int is_documented(uint32_t number, int error) {
    for (size_t i = 0; i < COUNT(ABI_DOCUMENTED_ERRORS); ++i) {
        if ((uint32_t)ABI_DOCUMENTED_ERRORS[i].number != number)
            continue;
        for (const int* listed = ABI_DOCUMENTED_ERRORS[i].errors; *listed != 0; ++listed) {
            if (*listed == error)
                return 1;
        }
        return 0;
    }
    return error == ENOSYS; /* a number that names no call */
}

void say(const char* format, ...) {
    char line[256];
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(line, sizeof line, format, arguments);
    va_end(arguments);
    if (length > (int)sizeof line - 1)
        length = (int)sizeof line - 1;
    fuzz_call(SYSCALL_WRITE, 1, (uint32_t)line, (uint32_t)length, 0, 0);
}

void report_violation(struct fuzz_thread* thread, const char* format, ...) {
    char text[192];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(text, sizeof text, format, arguments);
    va_end(arguments);
    ++thread->violations;
    say("fuzz: VIOLATION seed %u process %d thread %d call %u: %s\n", g_seed, thread->process_index,
        thread->thread_index, thread->calls, text);
}

long checked(struct fuzz_thread* thread, uint32_t number, long result) {
    ++thread->calls;
    if (is_error(result) && !is_documented(number, (int)-result))
        report_violation(thread, "%s returned %s (%ld), which its contract does not list",
                         call_name(number), error_name((int)-result), -result);
    return result;
}

void expect_result(struct fuzz_thread* thread, const char* what, long result, const long* allowed,
                   int count) {
    for (int i = 0; i < count; ++i) {
        if (allowed[i] == result)
            return;
    }
    char list[96] = "";
    for (int i = 0; i < count; ++i) {
        char one[24];
        if (is_error(allowed[i]))
            snprintf(one, sizeof one, "%s%s", i ? ", " : "", error_name((int)-allowed[i]));
        else
            snprintf(one, sizeof one, "%s%ld", i ? ", " : "", allowed[i]);
        if (strlen(list) + strlen(one) < sizeof list)
            strcat(list, one);
    }
    if (is_error(result))
        report_violation(thread, "%s: got %s, expected one of %s", what, error_name((int)-result),
                         list);
    else
        report_violation(thread, "%s: got %ld, expected one of %s", what, result, list);
}

/* What the user tests share: checks that print the expected and the actual value when they
 * fail, the summary line, raw system calls, and running the test program again as a child for
 * checks that must end a process. Linked into every program of user/tests (the "common"
 * folder, user/user.mk).
 *
 * A test prints nothing for a check that passes, one line per check that fails:
 *     FAIL pointers.c:42: raw_call(SYSCALL_WRITE, 1, NULL, 1): expected -EFAULT, got 1
 * and at the end "name: N checks, M failed"; it exits with 0 only when nothing failed. */
#pragma once

#include <errno.h>
#include <libk/abi/errors.h>
#include <libk/abi/system_calls.h>
#include <libk/abi/types.h>
#include <stdint.h>
#include <sys/syscall.h>

/* A system call exactly as the program asks for it, bypassing the library (which would refuse
 * some bad arguments itself): raw_call(SYSCALL_WRITE, 1, buffer, 5). Missing arguments are 0.
 * Returns the kernel's result unchanged: a negated error number on failure. */
#define raw_call(...) raw_call_with_(__VA_ARGS__, 0, 0, 0, 0, 0)
#define raw_call_with_(number, a, b, c, d, e, ...)                                                 \
    __system_call((unsigned long)(number), (unsigned long)(a), (unsigned long)(b),                 \
                  (unsigned long)(c), (unsigned long)(d), (unsigned long)(e))

/* The result (a raw call's, or any number) equals `expected`. */
#define EXPECT_VALUE(result, expected)                                                             \
    expect_value(__FILE__, __LINE__, #result, (long)(result), (long)(expected))
/* A raw call failed with `error` (EFAULT): its result is -error. */
#define EXPECT_ERROR(result, error)                                                                \
    expect_value(__FILE__, __LINE__, #result, (long)(result), -(long)(error))
/* A raw call succeeded: its result is not a negated error number. */
#define EXPECT_SUCCESS(result) expect_success(__FILE__, __LINE__, #result, (long)(result))
#define EXPECT_TRUE(condition) expect_true(__FILE__, __LINE__, #condition, (condition) != 0)
/* A library call failed with errno `error` (its result, -1 or NULL, is shown when it did not). */
#define EXPECT_ERRNO(expression, error)                                                            \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long result_ = (long)(expression);                                                         \
        expect_errno(__FILE__, __LINE__, #expression, result_, errno, (error));                    \
    } while (0)

void expect_value(const char* file, int line, const char* text, long actual, long expected);
void expect_success(const char* file, int line, const char* text, long actual);
void expect_true(const char* file, int line, const char* text, int holds);
void expect_errno(const char* file, int line, const char* text, long result, int error,
                  int expected);

/* Wait statuses: `what` names the case in the failure line ("faults null-read: expected killed
 * by SIGSEGV, got exited with status 99"). A status of -1 means the child never ran. */
void expect_exited(const char* what, int status, int exit_status);
void expect_killed(const char* what, int status, int signal);

/* Names the case that the following checks are about ("address 0xc0000000"), shown in their
 * failure lines; NULL for none. For checks inside a loop, whose text alone is ambiguous. */
void check_context(const char* format, ...) __attribute__((format(printf, 1, 2)));

/* A check for when no EXPECT fits: counts it and, when `holds` is 0, prints the failure line
 * made from the printf format (which should say what was expected and what came). */
void expect_that(int holds, const char* format, ...) __attribute__((format(printf, 2, 3)));

/* Prints "name: N checks, M failed" and returns the exit status for main: 0 when none failed. */
int finish_checks(const char* name);
/* The number of failed checks so far (for a child that reports to its parent by exit status). */
int failed_checks(void);

/* True when a raw result is a negated error number. */
int is_error(long result);
/* "EFAULT" for 14; "error 99" for numbers errors.h does not name. */
const char* error_name(int error);

/* The path to start this test program again: argv[0] when it is a path, else /tests/NAME. */
const char* program_path(char** argv, const char* name);

/* Starts `program` with the arguments `argument` and `extra` (either may be NULL), waits for it,
 * and returns its wait status; -1 (with a line saying why) when it could not be started. */
int run_child(const char* program, const char* argument, const char* extra);

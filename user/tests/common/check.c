/* The checks and helpers every user test shares (see check.h). */
#include "check.h"
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

/* Threads of one test may check at the same time, hence the atomic counts. */
static int g_checks;
static int g_failures;
static char g_context[64]; /* set by the main thread only */

static void count_check(void) {
    __atomic_add_fetch(&g_checks, 1, __ATOMIC_RELAXED);
}

static void report_failure(const char* format, ...) __attribute__((format(printf, 1, 2)));

void check_context(const char* format, ...) {
    g_context[0] = '\0';
    if (!format)
        return;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(g_context, sizeof g_context, format, arguments);
    va_end(arguments);
}

static void print_failure(const char* format, va_list arguments) {
    __atomic_add_fetch(&g_failures, 1, __ATOMIC_RELAXED);
    char line[256];
    vsnprintf(line, sizeof line, format, arguments);
    if (g_context[0])
        printf("FAIL [%s] %s\n", g_context, line);
    else
        printf("FAIL %s\n", line);
}

static void report_failure(const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    print_failure(format, arguments);
    va_end(arguments);
}

void expect_that(int holds, const char* format, ...) {
    count_check();
    if (holds)
        return;
    va_list arguments;
    va_start(arguments, format);
    print_failure(format, arguments);
    va_end(arguments);
}

int is_error(long result) {
    return result < 0 && result > -ABI_ERROR_LIMIT;
}

/* A result in words: "-EFAULT" for an error, the number otherwise. */
static const char* describe_result(long value, char* text, size_t size) {
    if (is_error(value))
        snprintf(text, size, "-%s", error_name((int)-value));
    else
        snprintf(text, size, "%ld", value);
    return text;
}

void expect_value(const char* file, int line, const char* text, long actual, long expected) {
    count_check();
    if (actual == expected)
        return;
    char actual_text[24], expected_text[24];
    report_failure("%s:%d: %s: expected %s, got %s", file, line, text,
                   describe_result(expected, expected_text, sizeof expected_text),
                   describe_result(actual, actual_text, sizeof actual_text));
}

void expect_success(const char* file, int line, const char* text, long actual) {
    count_check();
    if (!is_error(actual))
        return;
    char actual_text[24];
    report_failure("%s:%d: %s: expected success, got %s", file, line, text,
                   describe_result(actual, actual_text, sizeof actual_text));
}

void expect_true(const char* file, int line, const char* text, int holds) {
    count_check();
    if (!holds)
        report_failure("%s:%d: %s: expected true, got false", file, line, text);
}

void expect_errno(const char* file, int line, const char* text, long result, int error,
                  int expected) {
    count_check();
    if (error == expected)
        return;
    report_failure("%s:%d: %s: expected errno %s, got result %ld with errno %s", file, line, text,
                   error_name(expected), result, error ? error_name(error) : "0");
}

/* --- wait statuses -------------------------------------------------------------------------- */

static const char* signal_name(int signal) {
    switch (signal) {
    case SIGINT:
        return "SIGINT";
    case SIGILL:
        return "SIGILL";
    case SIGTRAP:
        return "SIGTRAP";
    case SIGABRT:
        return "SIGABRT";
    case SIGFPE:
        return "SIGFPE";
    case SIGKILL:
        return "SIGKILL";
    case SIGSEGV:
        return "SIGSEGV";
    case SIGTERM:
        return "SIGTERM";
    default:
        return "an unknown signal";
    }
}

static const char* describe_status(int status, char* text, size_t size) {
    if (status == -1)
        snprintf(text, size, "no status (the child did not run)");
    else if (WIFEXITED(status))
        snprintf(text, size, "exited with status %d", WEXITSTATUS(status));
    else
        snprintf(text, size, "killed by %s (%d)", signal_name(WTERMSIG(status)), WTERMSIG(status));
    return text;
}

static void expect_status(const char* what, int status, int expected) {
    count_check();
    if (status == expected)
        return;
    char actual_text[48], expected_text[48];
    report_failure("%s: expected %s, got %s", what,
                   describe_status(expected, expected_text, sizeof expected_text),
                   describe_status(status, actual_text, sizeof actual_text));
}

void expect_exited(const char* what, int status, int exit_status) {
    expect_status(what, status, ABI_WAIT_EXITED(exit_status));
}

void expect_killed(const char* what, int status, int signal) {
    expect_status(what, status, ABI_WAIT_SIGNALED(signal));
}

int finish_checks(const char* name) {
    printf("%s: %d checks, %d failed\n", name, g_checks, g_failures);
    return g_failures == 0 ? 0 : 1;
}

int failed_checks(void) {
    return g_failures;
}

/* --- names and children --------------------------------------------------------------------- */

/* The table is indexed by the error number; NAME(EFAULT) is [14] = "EFAULT". */
#define NAME(error) [error] = #error
static const char* const ERROR_NAMES[] = {
    NAME(EPERM),      NAME(ENOENT),   NAME(ESRCH),        NAME(EINTR),  NAME(EIO),
    NAME(ENXIO),      NAME(E2BIG),    NAME(ENOEXEC),      NAME(EBADF),  NAME(ECHILD),
    NAME(EAGAIN),     NAME(ENOMEM),   NAME(EACCES),       NAME(EFAULT), NAME(EBUSY),
    NAME(EEXIST),     NAME(ENODEV),   NAME(ENOTDIR),      NAME(EISDIR), NAME(EINVAL),
    NAME(ENFILE),     NAME(EMFILE),   NAME(ENOTTY),       NAME(EFBIG),  NAME(ENOSPC),
    NAME(ESPIPE),     NAME(EROFS),    NAME(EPIPE),        NAME(EDOM),   NAME(ERANGE),
    NAME(EDEADLK),    NAME(ENOSYS),   NAME(ENAMETOOLONG), NAME(ELOOP),  NAME(EOVERFLOW),
    NAME(EOPNOTSUPP), NAME(ETIMEDOUT)};
#undef NAME

const char* error_name(int error) {
    int count = (int)(sizeof ERROR_NAMES / sizeof ERROR_NAMES[0]);
    if (error > 0 && error < count && ERROR_NAMES[error])
        return ERROR_NAMES[error];
    static char unknown[24]; /* only the test's main thread prints unknown numbers */
    snprintf(unknown, sizeof unknown, "error %d", error);
    return unknown;
}

const char* program_path(char** argv, const char* name) {
    static char path[64];
    if (argv[0] && argv[0][0] == '/')
        return argv[0];
    snprintf(path, sizeof path, "/tests/%s", name);
    return path;
}

int run_child(const char* program, const char* argument, const char* extra) {
    char* argv[] = {(char*)program, (char*)argument, (char*)extra, NULL};
    pid_t child;
    int error = posix_spawn(&child, program, NULL, NULL, argv, NULL);
    if (error != 0) {
        printf("cannot start %s %s: %s\n", program, argument ? argument : "", strerror(error));
        return -1;
    }
    int status;
    if (waitpid(child, &status, 0) != child) {
        printf("cannot wait for %s %s: %s\n", program, argument ? argument : "", strerror(errno));
        return -1;
    }
    return status;
}

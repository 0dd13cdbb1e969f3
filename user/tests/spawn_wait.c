/* User test: spawn and wait refuse what they cannot do. Spawning a program that does not exist
 * fails with ENOENT, a file that is not an ELF executable with ENOEXEC, too many or too long
 * arguments with E2BIG; waiting for a process that is not one's child, or for a child a second
 * time, fails with ECHILD, and bad pids or options with EINVAL (libk/abi/system_calls.h).
 *
 * The ENOEXEC case needs a file of the initrd that is not a program: /data/not-an-elf, packed
 * from user/data/ (see docs/user-tests.md). */
#include "check.h"
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char NOT_AN_ELF[] = "/data/not-an-elf";

static int spawn_error(const char* path, char** argv) {
    pid_t child;
    return posix_spawn(&child, path, NULL, NULL, argv, NULL);
}

static void check_spawn_refusals(const char* self) {
    EXPECT_VALUE(spawn_error("/bin/no-such-program", NULL), ENOENT);
    EXPECT_VALUE(spawn_error("/no-such-folder/program", NULL), ENOENT);
    EXPECT_VALUE(spawn_error("", NULL), ENOENT);
    struct stat status;
    expect_that(stat(NOT_AN_ELF, &status) == 0 && S_ISREG(status.st_mode),
                "%s: expected a file in the initrd, got %s", NOT_AN_ELF, strerror(errno));
    EXPECT_VALUE(spawn_error(NOT_AN_ELF, NULL), ENOEXEC);

    /* One argument more than ABI_ARGUMENT_COUNT_MAX. */
    char* many[ABI_ARGUMENT_COUNT_MAX + 2];
    for (int i = 0; i <= ABI_ARGUMENT_COUNT_MAX; ++i)
        many[i] = "stop";
    many[ABI_ARGUMENT_COUNT_MAX + 1] = NULL;
    EXPECT_VALUE(spawn_error(self, many), E2BIG);
    /* Few arguments, but more than ABI_ARGUMENT_BYTES_MAX bytes of them. */
    static char long_argument[ABI_ARGUMENT_BYTES_MAX / 2 + 1];
    memset(long_argument, 'x', sizeof long_argument - 1);
    char* long_ones[] = {"stop", long_argument, long_argument, NULL};
    EXPECT_VALUE(spawn_error(self, long_ones), E2BIG);
}

static void check_wait_refusals(const char* self) {
    int status;
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, -1, &status, 0), ECHILD); /* no children at all */
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, 1, &status, 0), ECHILD);  /* init is not our child */
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, getpid(), &status, 0), ECHILD);
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, getppid(), &status, 0), ECHILD);
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, 0x7FFFFFFF, &status, 0), ECHILD);
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, 0, &status, 0), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, -5, &status, 0), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, -1, &status, 0x100), EINVAL);

    /* A child that sleeps: WNOHANG says "not yet"; then it is killed, waited for once, and a
     * second wait finds nothing. */
    char* argv[] = {(char*)self, "sleep", NULL};
    pid_t child = -1;
    EXPECT_VALUE(posix_spawn(&child, self, NULL, NULL, argv, NULL), 0);
    EXPECT_VALUE(raw_call(SYSCALL_WAIT, child, &status, ABI_WNOHANG), 0);
    EXPECT_VALUE(kill(child, SIGKILL), 0);
    EXPECT_VALUE(raw_call(SYSCALL_WAIT, child, &status, 0), child);
    expect_killed("a killed child", status, SIGKILL);
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, child, &status, 0), ECHILD);
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, -1, &status, ABI_WNOHANG), ECHILD);
    EXPECT_ERROR(raw_call(SYSCALL_KILL, child, 0), ESRCH); /* gone for good */
}

int main(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "sleep") == 0) {
        for (;;)
            sleep(1000);
    }
    if (argc > 1)
        return 0; /* started by a spawn that should have failed: do nothing */
    const char* self = program_path(argv, "spawn_wait");
    check_spawn_refusals(self);
    check_wait_refusals(self);
    return finish_checks("spawn_wait");
}

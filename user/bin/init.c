/* init: the first process. The kernel starts /bin/init as process 1 and init starts everything
 * else. Orphans (processes whose parent ended before them) become children of init, and init
 * waits for them so that they do not stay zombies.
 *
 * How the kernel command line names a program to run instead of the shell:
 *
 *   The kernel always starts /bin/init. If its command line has a word "run=PROGRAM", the kernel
 *   passes PROGRAM and every word after it (split at spaces, no quoting) to init as argv[1],
 *   argv[2], ...; so "run=" must be the last key=value word, and the words after it belong to the
 *   program. For example
 *       hz=250 run=restroom --workers 6   ->  argv = {"/bin/init", "restroom", "--workers", "6"}
 *   Without run=, argv = {"/bin/init"}. PROGRAM is a path (/demos/restroom) or a name looked up in
 *   /bin, /demos and /tests, as the shell does.
 *
 *   With a program, init starts it as the console's foreground process (Ctrl-C ends it), waits
 *   for it, prints how it ended, and exits with its exit status (128 + the signal number when it
 *   was killed; 127 when there is no such program), so init's status says whether the program
 *   succeeded. What happens when init ends is the kernel's choice; a test boot, for example,
 *   turns it into QEMU's exit status.
 *
 *   Without a program, init starts the shell (/bin/sh) on the console and starts a new one
 *   whenever it ends. */
#include "programs.h"
#include <errno.h>
#include <limits.h>
#include <os.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char SHELL[] = "/bin/sh";

/* A shell that ends within this time of starting is probably failing at once: pause before the
 * next, so that the console is not flooded. */
enum { QUICK_END_MS = 1000, RESTART_PAUSE_S = 2 };

static pid_t start(const char* path, char** argv) {
    pid_t child;
    int error = posix_spawn(&child, path, NULL, NULL, argv, NULL);
    if (error != 0) {
        printf("init: cannot start %s: %s\n", path, strerror(error));
        return -1;
    }
    return child;
}

/* Waits for any child until `child` ends, so that orphans are reaped meanwhile. Returns the
 * wait status of `child`, or -1 when there is nothing left to wait for. */
static int wait_for(pid_t child) {
    for (;;) {
        int status;
        pid_t ended = wait(&status);
        if (ended == child)
            return status;
        if (ended < 0 && errno != EINTR)
            return -1;
    }
}

static void reap_ended_orphans(void) {
    while (waitpid(-1, NULL, WNOHANG) > 0)
        continue;
}

/* The program named on the command line: run it, report, and hand its result to the kernel. */
static int run_named_program(char** argv) {
    char path[PATH_MAX];
    int error = find_program(argv[0], path, sizeof path);
    if (error != 0) {
        printf("init: %s: %s\n", argv[0], strerror(error));
        return 127; /* a shell's "command not found" */
    }
    argv[0] = path;
    printf("init: running %s\n", path);
    pid_t child = start(path, argv);
    if (child < 0)
        return 126;           /* a shell's "cannot execute" */
    os_set_foreground(child); /* Ctrl-C ends it, as in the shell */
    int status = wait_for(child);
    reap_ended_orphans();
    if (status < 0) {
        perror("init: wait");
        return 125;
    }
    char how[64];
    describe_wait_status(status, how, sizeof how);
    printf("init: %s %s\n", path, how);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The shell, started again whenever it ends; init never leaves this loop. */
static int run_shells(void) {
    for (;;) {
        char* argv[] = {(char*)SHELL, NULL};
        uint64_t started_ms = os_uptime_ms();
        pid_t shell = start(SHELL, argv);
        int status = shell > 0 ? wait_for(shell) : -1;
        if (status >= 0) {
            char how[64];
            describe_wait_status(status, how, sizeof how);
            printf("init: the shell %s; starting a new one\n", how);
        }
        if (status < 0 || os_uptime_ms() - started_ms < QUICK_END_MS)
            sleep(RESTART_PAUSE_S);
    }
}

int main(int argc, char** argv) {
    if (argc > 1)
        return run_named_program(argv + 1);
    return run_shells();
}

/* Finding programs in the initrd and describing wait statuses (see programs.h). */
#include "programs.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

const char* const PROGRAM_FOLDERS[] = {"/bin", "/demos", "/tests", NULL};

/* Says whether `path` names a file (not a folder, not nothing), or why not. */
static int check_file(const char* path) {
    struct stat status;
    if (stat(path, &status) != 0)
        return errno;
    return S_ISDIR(status.st_mode) ? EISDIR : 0;
}

int find_program(const char* name, char* path, size_t size) {
    if (name[0] == '\0')
        return ENOENT;
    if (strchr(name, '/')) {
        if (strlen(name) >= size)
            return ENAMETOOLONG;
        strcpy(path, name);
        return check_file(path);
    }
    for (int i = 0; PROGRAM_FOLDERS[i]; ++i) {
        if ((size_t)snprintf(path, size, "%s/%s", PROGRAM_FOLDERS[i], name) >= size)
            return ENAMETOOLONG;
        if (check_file(path) == 0)
            return 0;
    }
    return ENOENT;
}

/* The signals of libk/abi/types.h, with what each one means here. */
static const struct {
    int number;
    const char* name;
    const char* meaning;
} SIGNALS[] = {
    {SIGINT, "SIGINT", "Ctrl-C"},
    {SIGILL, "SIGILL", "invalid or privileged instruction"},
    {SIGTRAP, "SIGTRAP", "breakpoint"},
    {SIGABRT, "SIGABRT", "abort"},
    {SIGFPE, "SIGFPE", "divide error"},
    {SIGKILL, "SIGKILL", "killed"},
    {SIGSEGV, "SIGSEGV", "bad memory access or protection fault"},
    {SIGTERM, "SIGTERM", "terminated"},
};

static int find_signal(int signal) {
    for (size_t i = 0; i < sizeof SIGNALS / sizeof SIGNALS[0]; ++i) {
        if (SIGNALS[i].number == signal)
            return (int)i;
    }
    return -1;
}

const char* signal_name(int signal) {
    int index = find_signal(signal);
    return index < 0 ? NULL : SIGNALS[index].name;
}

void describe_wait_status(int status, char* text, size_t size) {
    if (WIFEXITED(status)) {
        snprintf(text, size, "exited with status %d", WEXITSTATUS(status));
        return;
    }
    int index = find_signal(WTERMSIG(status));
    if (index < 0)
        snprintf(text, size, "killed by signal %d", WTERMSIG(status));
    else
        snprintf(text, size, "killed by %s (%s)", SIGNALS[index].name, SIGNALS[index].meaning);
}

// Processes: posix_spawn and posix_spawnp over the spawn call, waitpid and wait, kill and raise,
// and the process's identity.
#include "user/lib/internal/caller_memory.h"
#include "user/lib/internal/system_call.h"
#include <errno.h>
#include <limits.h>
#include <os.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {
// Where posix_spawnp looks for a name without a '/'.
constexpr char PROGRAM_FOLDER[] = "/bin/";
} // namespace

extern "C" {

// File actions and attributes have nothing to set yet: initialized ones mean "none". A bad
// `pid` is refused (EFAULT) before the child exists; only if another thread unmaps it while
// the child starts is the child left running with EFAULT returned.
int posix_spawn(pid_t* pid, const char* path, const posix_spawn_file_actions_t*,
                const posix_spawnattr_t*, char* const argv[], char* const[]) {
    if (pid) {
        if (int error = userlib::check_writable(pid, sizeof *pid))
            return error;
    }
    long result = userlib::system_call(SYSCALL_SPAWN, path, argv);
    if (userlib::is_error(result))
        return userlib::error_number(result);
    return pid ? userlib::store(pid, static_cast<pid_t>(result)) : 0;
}

int posix_spawnp(pid_t* pid, const char* file, const posix_spawn_file_actions_t* file_actions,
                 const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]) {
    // The name is read through the kernel: a bad pointer is EFAULT, as for posix_spawn's path.
    char name[PATH_MAX];
    if (int error = userlib::copy_string_from_caller(name, file, sizeof name))
        return error;
    if (strchr(name, '/'))
        return posix_spawn(pid, name, file_actions, attributes, argv, envp);
    char path[PATH_MAX];
    size_t folder_length = sizeof PROGRAM_FOLDER - 1;
    if (folder_length + strlen(name) >= sizeof path)
        return ENAMETOOLONG;
    strcpy(path, PROGRAM_FOLDER);
    strcpy(path + folder_length, name);
    return posix_spawn(pid, path, file_actions, attributes, argv, envp);
}

int posix_spawn_file_actions_init(posix_spawn_file_actions_t*) {
    return 0;
}
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t*) {
    return 0;
}
int posix_spawnattr_init(posix_spawnattr_t*) {
    return 0;
}
int posix_spawnattr_destroy(posix_spawnattr_t*) {
    return 0;
}

pid_t waitpid(pid_t pid, int* status, int options) {
    if (pid == 0)
        pid = -1; // no process groups: the caller's group is all of its children
    if (pid < -1) {
        errno = ECHILD;
        return -1;
    }
    return userlib::c_result(userlib::system_call(SYSCALL_WAIT, pid, status, options));
}

pid_t wait(int* status) {
    return waitpid(-1, status, 0);
}

int kill(pid_t pid, int signal) {
    return userlib::c_result(userlib::system_call(SYSCALL_KILL, pid, signal));
}

int raise(int signal) {
    return kill(getpid(), signal);
}

pid_t getpid() {
    return static_cast<pid_t>(userlib::system_call(SYSCALL_GETPID));
}

pid_t gettid() {
    return static_cast<pid_t>(userlib::system_call(SYSCALL_GETTID));
}

pid_t getppid() {
    abi_process_info info;
    if (os_process_info(0, &info) != 0)
        return 0;
    return info.parent_pid;
}

} // extern "C"

/* Starting programs (POSIX spawn). The subset: a path and argv. File actions and attributes may
 * be NULL, or initialized and left empty; the environment is ignored (programs start without
 * one). posix_spawnp looks up a name without '/' in /bin. */
#pragma once

#include <sys/cdefs.h>
#include <sys/types.h>

typedef struct {
    int unused;
} posix_spawn_file_actions_t;

typedef struct {
    int unused;
} posix_spawnattr_t;

__BEGIN_DECLS
int posix_spawn(pid_t* pid, const char* path, const posix_spawn_file_actions_t* file_actions,
                const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]);
int posix_spawnp(pid_t* pid, const char* file, const posix_spawn_file_actions_t* file_actions,
                 const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]);
int posix_spawn_file_actions_init(posix_spawn_file_actions_t* file_actions);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t* file_actions);
int posix_spawnattr_init(posix_spawnattr_t* attributes);
int posix_spawnattr_destroy(posix_spawnattr_t* attributes);
__END_DECLS

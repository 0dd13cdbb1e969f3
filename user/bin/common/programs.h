/* What init, the shell and ps share: finding a program by name, and saying in words how a
 * process ended. Linked into every program of user/bin (user/user.mk: the "common" folder). */
#pragma once

#include <stddef.h>

/* The folders searched, in this order, for a program named without a '/' (NULL-terminated). */
extern const char* const PROGRAM_FOLDERS[];

/* Writes into `path` the path of the program called `name`: `name` itself when it contains a
 * '/', otherwise the first of /bin/NAME, /demos/NAME, /tests/NAME that is a file.
 * Returns 0, or an error number: ENOENT (not found), ENAMETOOLONG, EISDIR. */
int find_program(const char* name, char* path, size_t size);

/* The short name of a signal ("SIGSEGV"), or NULL for a number the ABI does not define. */
const char* signal_name(int signal);

/* A wait status in words: "exited with status 3", "killed by SIGSEGV (bad memory access)". */
void describe_wait_status(int status, char* text, size_t size);

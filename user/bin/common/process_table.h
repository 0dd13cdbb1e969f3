/* The process and thread listing that ps and the shell's built-in ps print: what the kernel
 * knows about every process and every thread, in 80 columns. */
#pragma once

/* Prints the processes, then the threads with their state and saved user registers.
 * Returns 0, or -1 with errno set when the kernel's listing (or memory for it) failed. */
int print_process_table(void);

/* ps: every process and every thread the kernel has, with its state and, for user threads, the
 * registers saved when it last entered the kernel. The shell's built-in ps prints the same table
 * without starting a process; this program shows itself in it (running, in its listing call). */
#include "process_table.h"
#include <stdio.h>

int main(void) {
    if (print_process_table() != 0) {
        perror("ps");
        return 1;
    }
    return 0;
}

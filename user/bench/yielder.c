/* The partner process of the process-switch benchmark (suite/process_benchmarks.c): it gives
 * the CPU away COUNT times and ends. While the measuring process yields too, every yield of
 * either one is a switch to the other, from one page directory to another.
 *     /bench/yielder COUNT */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s COUNT\n", argv[0]);
        return 2;
    }
    unsigned long count = strtoul(argv[1], NULL, 10);
    for (unsigned long i = 0; i < count; ++i)
        sched_yield();
    return 0;
}

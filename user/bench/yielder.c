/* The partner processes of the process-switch benchmarks (suite/process_benchmarks.c).
 *     /bench/yielder COUNT          gives the CPU away COUNT times and ends: while the measuring
 *                                   process yields too, every yield of either one is a switch
 *                                   to the other, from one page directory to another
 *     /bench/yielder --crowd NAME   one of a crowd: waits for a unit of the named semaphore
 *                                   NAME (so that the whole crowd starts together), then gives
 *                                   the CPU away until it is killed */
#include <fcntl.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(const char* program) {
    fprintf(stderr, "usage: %s COUNT | %s --crowd SEMAPHORE\n", program, program);
    return 2;
}

int main(int argc, char** argv) {
    if (argc == 3 && strcmp(argv[1], "--crowd") == 0) {
        sem_t* start = sem_open(argv[2], 0);
        if (start == SEM_FAILED || sem_wait(start) != 0) {
            perror("yielder: the start semaphore");
            return 1;
        }
        for (;;)
            sched_yield();
    }
    if (argc != 2)
        return usage(argv[0]);
    unsigned long count = strtoul(argv[1], NULL, 10);
    for (unsigned long i = 0; i < count; ++i)
        sched_yield();
    return 0;
}

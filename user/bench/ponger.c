/* The partner process of the round-trip benchmark (suite/process_benchmarks.c): COUNT times, it
 * waits for a unit of the named semaphore PING and posts one to PONG, so that a post to PING
 * and a wait on PONG by the measuring process is one round trip between two processes, the
 * nearest thing here to one byte sent through a pipe and one sent back.
 *     /bench/ponger PING PONG COUNT */
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s PING PONG COUNT\n", argv[0]);
        return 2;
    }
    sem_t* ping = sem_open(argv[1], 0);
    sem_t* pong = sem_open(argv[2], 0);
    if (ping == SEM_FAILED || pong == SEM_FAILED) {
        perror("ponger: sem_open");
        return 1;
    }
    unsigned long count = strtoul(argv[3], NULL, 10);
    for (unsigned long i = 0; i < count; ++i) {
        if (sem_wait(ping) != 0 || sem_post(pong) != 0) {
            perror("ponger");
            return 1;
        }
    }
    return 0;
}

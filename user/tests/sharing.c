/* User test: what two processes share, and what they do not. They share what they open by
 * name on purpose: named semaphores (a ping-pong, and a lock around a counter both increment)
 * and a named shared-memory object mapped by both. Everything else is private: a global
 * variable sits at the same address in both processes (the same program) yet holds a different
 * value in each. The child is this program started again with "child". */
#include "check.h"
#include <fcntl.h>
#include <sched.h>
#include <semaphore.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static const char PING[] = "/sharing-ping";
static const char PONG[] = "/sharing-pong";
static const char LOCK[] = "/sharing-lock";
static const char MEMORY[] = "/sharing-memory";

enum { PAGE_SIZE = 4096, SHARED_SIZE = 2 * PAGE_SIZE };
enum { ROUNDS = 100, INCREMENTS = 5000, MAGIC = 0x5ca1ab1e };
enum { PARENT_VALUE = 1111, CHILD_VALUE = 2222 };

/* The shared-memory object: two pages, the second for the child's answer. */
struct Shared {
    uint32_t magic;   /* written by the parent before the child starts */
    uint32_t turn;    /* the ping-pong's round, written by the child */
    uint32_t counter; /* incremented by both, under the LOCK semaphore */
    uintptr_t child_private_address;
    char padding[PAGE_SIZE - 16];
    char answer[32]; /* in the second page */
};
_Static_assert(sizeof(struct Shared) <= SHARED_SIZE, "the shared object holds struct Shared");

static int g_private; /* the same address in both processes, a value of each one's own */

struct Names {
    sem_t* ping;
    sem_t* pong;
    sem_t* lock;
    struct Shared* shared;
};

static struct Shared* map_shared(int flags) {
    int handle = shm_open(MEMORY, flags, 0600);
    if (handle < 0)
        return NULL;
    if ((flags & O_CREAT) && ftruncate(handle, SHARED_SIZE) != 0)
        return NULL;
    void* address = mmap(NULL, SHARED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, handle, 0);
    close(handle); /* the mapping keeps the object */
    return address == MAP_FAILED ? NULL : address;
}

/* Both processes: add to the counter under the named semaphore used as a lock. */
static void increment_counter(struct Names* names) {
    for (int i = 0; i < INCREMENTS; ++i) {
        sem_wait(names->lock);
        uint32_t value = names->shared->counter;
        if (i % 64 == 0)
            sched_yield(); /* invite the other process in: the lock must keep it out */
        names->shared->counter = value + 1;
        sem_post(names->lock);
    }
}

static int run_child_side(void) {
    struct Names names = {sem_open(PING, 0), sem_open(PONG, 0), sem_open(LOCK, 0),
                          map_shared(O_RDWR)};
    if (!names.ping || !names.pong || !names.lock || !names.shared) {
        printf("FAIL sharing child: could not open the named objects\n");
        return 1;
    }
    g_private = CHILD_VALUE;
    names.shared->child_private_address = (uintptr_t)&g_private;
    EXPECT_VALUE(names.shared->magic, MAGIC);
    for (int i = 0; i < ROUNDS; ++i) {
        sem_wait(names.ping);
        names.shared->turn = (uint32_t)i + 1;
        sem_post(names.pong);
    }
    increment_counter(&names);
    strcpy(names.shared->answer, "the child was here");
    EXPECT_VALUE(g_private, CHILD_VALUE); /* the parent's writes did not reach it */
    return failed_checks() == 0 ? 0 : 1;
}

static void check_ping_pong(struct Names* names) {
    int in_step = 1;
    for (int i = 0; i < ROUNDS; ++i) {
        sem_post(names->ping);
        sem_wait(names->pong);
        in_step &= names->shared->turn == (uint32_t)i + 1;
    }
    EXPECT_TRUE(in_step);
}

/* The contract's refusals, on the objects this test made. */
static void check_refusals(void) {
    EXPECT_ERRNO(sem_open(PING, O_CREAT | O_EXCL, 0600, 0), EEXIST);
    EXPECT_ERRNO(shm_open(MEMORY, O_CREAT | O_EXCL | O_RDWR, 0600), EEXIST);
    int handle = shm_open(MEMORY, O_RDWR, 0);
    EXPECT_ERRNO(mmap(NULL, 0, PROT_READ, MAP_SHARED, handle, 0), EINVAL);
    EXPECT_ERRNO(mmap(NULL, PAGE_SIZE, PROT_READ, 0, handle, 0), EINVAL);
    EXPECT_ERRNO(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, handle, 100), EINVAL);
    EXPECT_ERRNO(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, handle, 2 * PAGE_SIZE), ENXIO);
    EXPECT_ERRNO(ftruncate(handle, ABI_SHARED_MEMORY_MAX + PAGE_SIZE), EFBIG);
    close(handle);
    int read_only = shm_open(MEMORY, O_RDONLY, 0);
    EXPECT_ERRNO(mmap(NULL, PAGE_SIZE, PROT_WRITE, MAP_SHARED, read_only, 0), EACCES);
    EXPECT_ERRNO(ftruncate(read_only, PAGE_SIZE), EINVAL);
    close(read_only);
}

static void remove_names(void) {
    sem_unlink(PING);
    sem_unlink(PONG);
    sem_unlink(LOCK);
    shm_unlink(MEMORY);
}

int main(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "child") == 0)
        return run_child_side();
    const char* self = program_path(argv, "sharing");
    remove_names(); /* leftovers of an earlier run that was interrupted */
    struct Names names = {
        sem_open(PING, O_CREAT | O_EXCL, 0600, 0), sem_open(PONG, O_CREAT | O_EXCL, 0600, 0),
        sem_open(LOCK, O_CREAT | O_EXCL, 0600, 1), map_shared(O_CREAT | O_EXCL | O_RDWR)};
    if (!names.ping || !names.pong || !names.lock || !names.shared) {
        expect_that(0, "could not create the named objects: %s", strerror(errno));
        remove_names();
        return finish_checks("sharing");
    }
    names.shared->magic = MAGIC;
    g_private = PARENT_VALUE;
    char* child_argv[] = {(char*)self, "child", NULL};
    pid_t child = -1;
    int status = -1;
    EXPECT_VALUE(posix_spawn(&child, self, NULL, NULL, child_argv, NULL), 0);
    check_ping_pong(&names);
    increment_counter(&names);
    EXPECT_VALUE(waitpid(child, &status, 0), child);
    expect_exited("the child", status, 0);
    EXPECT_VALUE(names.shared->counter, 2 * INCREMENTS);
    EXPECT_TRUE(strcmp(names.shared->answer, "the child was here") == 0);
    EXPECT_VALUE(names.shared->child_private_address, (uintptr_t)&g_private);
    EXPECT_VALUE(g_private, PARENT_VALUE);
    check_refusals();
    EXPECT_VALUE(munmap(names.shared, SHARED_SIZE), 0);
    EXPECT_VALUE(sem_close(names.ping) + sem_close(names.pong) + sem_close(names.lock), 0);
    remove_names();
    EXPECT_ERRNO(sem_open(PING, 0), ENOENT);
    EXPECT_ERRNO(shm_open(MEMORY, O_RDWR, 0), ENOENT);
    return finish_checks("sharing");
}

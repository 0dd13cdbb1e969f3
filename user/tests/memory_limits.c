/* User test: no program can take the kernel's last frames, and each has a memory limit.
 *
 * "reserve": several processes take all the memory they can get, then map one page of shared
 * memory with MAP_FIXED at addresses 4 MiB apart, so that each mapping needs a page table of its
 * own, until mmap fails. The free frames (system_info, read after every step) must never drop
 * below the kernel's reserve, the programs must get ENOMEM, and everything must come back once
 * they have ended.
 * "limit": a process charged exactly for what it makes the kernel allocate (process_info), and
 * refused with ENOMEM at its limit, where a child it spawns is charged to itself. */
#include "check.h"
#include <fcntl.h>
#include <os.h>
#include <pthread.h>
#include <semaphore.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PAGE = 4096, MAXIMUM_HOGS = 8, HOG_MARGIN_PAGES = 300, LEFT_FOR_TABLES = 200 };
#define TABLE_SPAN (4u * 1024 * 1024) /* the memory one page table maps */
#define FIRST_SLOT 0x40000000u        /* where mappings may go (user_layout.h) */
#define LAST_SLOT 0xBF000000u

static const char* ATTACK_OBJECT = "/memory-limits-page";
static const char* RESULTS_OBJECT = "/memory-limits-results";
static const char* GO = "/memory-limits-go";
static const char* DONE = "/memory-limits-done";

/* What each hog reports, in a shared-memory object. */
struct hog_report {
    int heap_pages;       /* pages its heap grew by */
    int mappings;         /* successful MAP_FIXED mappings */
    int map_error;        /* errno of the mmap that failed */
    uint32_t lowest_free; /* lowest free frame count it saw */
    uint32_t lowest_step; /* 1: while growing its heap, 2: while mapping */
};

static uint32_t free_frames(void) {
    struct abi_system_info info;
    memset(&info, 0, sizeof info);
    os_system_info(&info);
    return info.free_frames;
}

static struct abi_process_info self_info(void) {
    struct abi_process_info info;
    memset(&info, 0, sizeof info);
    os_process_info(0, &info);
    return info;
}

static void note_free(struct hog_report* report, uint32_t step) {
    uint32_t now = free_frames();
    if (now < report->lowest_free) {
        report->lowest_free = now;
        report->lowest_step = step;
    }
}

/* Grows the heap a page at a time until brk fails, or until `margin` pages are left under the
 * limit (a limit of 0, a kernel without limits, has no such stop), or until only `floor` frames
 * are free in the whole system: those are left for the page tables of the mappings. */
static int grow_heap(struct hog_report* report, uint32_t margin, uint32_t floor) {
    int pages = 0;
    for (;;) {
        struct abi_process_info info = self_info();
        if (info.memory_limit_pages != 0 && info.charged_pages + margin >= info.memory_limit_pages)
            return pages;
        if (free_frames() <= floor)
            return pages;
        if (sbrk(PAGE) == (void*)-1)
            return pages;
        ++pages;
        if (pages % 64 == 0)
            note_free(report, 1);
    }
}

/* One of the processes of the attack: waits for its turn to take memory, then for its turn to
 * map, then for the end. */
static int run_hog(int index, uint32_t floor) {
    sem_t* go = sem_open(GO, 0);
    sem_t* done = sem_open(DONE, 0);
    int results = shm_open(RESULTS_OBJECT, O_RDWR, 0);
    int page = shm_open(ATTACK_OBJECT, O_RDWR, 0);
    if (go == SEM_FAILED || done == SEM_FAILED || results < 0 || page < 0)
        return 90;
    struct hog_report* reports = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, results, 0);
    if (reports == MAP_FAILED)
        return 91;
    struct hog_report* report = &reports[index];
    report->lowest_free = 0xFFFFFFFF;
    sem_post(done);

    sem_wait(go); /* first turn: take memory */
    report->heap_pages = grow_heap(report, HOG_MARGIN_PAGES, floor);
    note_free(report, 1);
    sem_post(done);

    sem_wait(go); /* second turn: a page table per mapping */
    uintptr_t slot = FIRST_SLOT + (uintptr_t)(index + 1) * TABLE_SPAN; /* past the results */
    for (; slot < LAST_SLOT; slot += TABLE_SPAN) {
        void* where =
            mmap((void*)slot, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, page, 0);
        if (where == MAP_FAILED) {
            report->map_error = errno;
            break;
        }
        ++report->mappings;
        note_free(report, 2);
    }
    sem_post(done);

    sem_wait(go); /* the end */
    return 0;
}

/* The hog takes memory until `floor` frames are free in the whole system. */
static int spawn_hog(const char* self, int index, uint32_t floor, pid_t* pid) {
    char number[8], frames[16];
    snprintf(number, sizeof number, "%d", index);
    snprintf(frames, sizeof frames, "%u", floor);
    char* argv[] = {(char*)self, "hog", number, frames, NULL};
    return posix_spawn(pid, self, NULL, NULL, argv, NULL);
}

/* How many hogs it takes for all of them to reach the reserve, with room to spare. */
static int hog_count(uint32_t free_now) {
    uint32_t limit = self_info().memory_limit_pages;
    if (limit <= HOG_MARGIN_PAGES * 2)
        return MAXIMUM_HOGS;
    int count = (int)(free_now / (limit - HOG_MARGIN_PAGES)) + 2;
    return count < MAXIMUM_HOGS ? count : MAXIMUM_HOGS;
}

static void let_each_run(sem_t* go, sem_t* done, int count) {
    for (int i = 0; i < count; ++i) {
        sem_post(go);
        sem_wait(done);
    }
}

static void check_reserve(const char* self) {
    struct abi_system_info before;
    memset(&before, 0, sizeof before);
    os_system_info(&before);
    uint32_t own_frames_before = self_info().charged_frames;
    /* Unused program images the kernel gives back when memory runs short count as free. */
    uint32_t cached_before = before.unused_program_frames;
    uint32_t reserve = before.reserved_frames;
    expect_that(reserve > 0, "system_info: a reserve of free frames for the kernel, got %u",
                reserve);

    sem_unlink(GO);
    sem_unlink(DONE);
    shm_unlink(ATTACK_OBJECT);
    shm_unlink(RESULTS_OBJECT);
    sem_t* go = sem_open(GO, O_CREAT | O_EXCL, 0600, 0);
    sem_t* done = sem_open(DONE, O_CREAT | O_EXCL, 0600, 0);
    int page = shm_open(ATTACK_OBJECT, O_RDWR | O_CREAT | O_EXCL, 0600);
    int results = shm_open(RESULTS_OBJECT, O_RDWR | O_CREAT | O_EXCL, 0600);
    EXPECT_TRUE(go != SEM_FAILED && done != SEM_FAILED && page >= 0 && results >= 0);
    EXPECT_VALUE(ftruncate(page, PAGE), 0);
    EXPECT_VALUE(ftruncate(results, PAGE), 0);
    struct hog_report* reports = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, results, 0);
    EXPECT_TRUE(reports != MAP_FAILED);
    if (reports == MAP_FAILED)
        return;

    pid_t hogs[MAXIMUM_HOGS];
    int count = hog_count(before.free_frames);
    int started = 0;
    for (; started < count; ++started) {
        /* A kernel without a reserve in system_info is taken down to its old 256 frames. */
        uint32_t floor = (reserve > 0 ? reserve : 256) + LEFT_FOR_TABLES;
        if (spawn_hog(self, started, floor, &hogs[started]) != 0)
            break;
        sem_wait(done); /* it is ready and waits for its turn */
    }
    EXPECT_VALUE(started, count);
    let_each_run(go, done, started); /* each takes what it can */
    let_each_run(go, done, started); /* each maps until mmap fails */

    uint32_t lowest = 0xFFFFFFFF;
    int refused = 0, mappings = 0;
    for (int i = 0; i < started; ++i) {
        struct hog_report* report = &reports[i];
        printf("hog %d: heap +%d pages, %d mappings, then %s; lowest free %u (%s)\n", i,
               report->heap_pages, report->mappings, error_name(report->map_error),
               report->lowest_free, report->lowest_step == 2 ? "mapping" : "growing its heap");
        if (report->lowest_free < lowest)
            lowest = report->lowest_free;
        refused += report->map_error == ENOMEM;
        mappings += report->mappings;
    }
    printf("reserve %u frames; lowest free seen %u; %d mappings in all\n", reserve, lowest,
           mappings);
    expect_that(lowest >= reserve && reserve > 0,
                "free frames stay at or above the reserve of %u: lowest seen %u", reserve, lowest);
    expect_that(refused == started, "every hog's mmap ends in ENOMEM: %d of %d", refused, started);
    EXPECT_TRUE(free_frames() >= reserve);

    for (int i = 0; i < started; ++i)
        sem_post(go);
    for (int i = 0; i < started; ++i) {
        int status = -1;
        EXPECT_VALUE(waitpid(hogs[i], &status, 0), hogs[i]);
        expect_exited("hog", status, 0);
    }
    munmap(reports, PAGE);
    close(page);
    close(results);
    sem_close(go);
    sem_close(done);
    shm_unlink(ATTACK_OBJECT);
    shm_unlink(RESULTS_OBJECT);
    sem_unlink(GO);
    sem_unlink(DONE);

    /* Everything the hogs and the objects had is free again: the free frames are what they
     * were, less what this process itself holds more than before (its own heap grew). */
    uint32_t before_total = before.free_frames + cached_before + own_frames_before;
    uint32_t after_total = 0;
    for (int tries = 0; tries < 50; ++tries) {
        struct abi_system_info now;
        memset(&now, 0, sizeof now);
        os_system_info(&now);
        after_total = now.free_frames + now.unused_program_frames + self_info().charged_frames;
        if (after_total == before_total)
            break;
        usleep(20000); /* the reaper returns the last frames a moment after wait */
    }
    expect_that(after_total == before_total,
                "all frames back after the hogs: free and ours %u before, %u after", before_total,
                after_total);
}

/* --- the limit -------------------------------------------------------------------------------- */

static void check_exact_charges(void) {
    struct abi_process_info start = self_info();
    expect_that(start.memory_limit_pages > 0 && start.charged_frames > 0,
                "a process has a limit and is charged: limit %u, charged %u frames",
                start.memory_limit_pages, start.charged_frames);
    shm_unlink("/memory-limits-exact");
    int object = shm_open("/memory-limits-exact", O_RDWR | O_CREAT | O_EXCL, 0600);
    EXPECT_TRUE(object >= 0);
    struct abi_process_info opened = self_info();
    EXPECT_VALUE(opened.charged_frames, start.charged_frames);
    expect_that(opened.charged_heap_bytes > start.charged_heap_bytes,
                "the object's bookkeeping is charged: %u -> %u bytes", start.charged_heap_bytes,
                opened.charged_heap_bytes);

    EXPECT_VALUE(ftruncate(object, 8 * PAGE), 0);
    struct abi_process_info sized = self_info();
    EXPECT_VALUE(sized.charged_frames, start.charged_frames + 8);
    EXPECT_VALUE(sized.charged_heap_bytes, opened.charged_heap_bytes + 8 * sizeof(uint32_t));

    /* A mapping in a 4 MiB slot of its own costs one page table, not the object's frames again. */
    void* where = mmap((void*)0x80000000u, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
                       object, 0);
    EXPECT_TRUE(where == (void*)0x80000000u);
    EXPECT_VALUE(self_info().charged_frames, sized.charged_frames + 1);
    EXPECT_VALUE(munmap(where, 8 * PAGE), 0);
    EXPECT_VALUE(self_info().charged_frames, sized.charged_frames);

    EXPECT_VALUE(close(object), 0);
    EXPECT_VALUE(shm_unlink("/memory-limits-exact"), 0);
    struct abi_process_info end = self_info();
    EXPECT_VALUE(end.charged_frames, start.charged_frames);
    EXPECT_VALUE(end.charged_heap_bytes, start.charged_heap_bytes);
}

static void* idle_thread(void* argument) {
    return argument;
}

/* A raw thread's entry: it has no library state, so it only ends. */
static void exit_at_once(void* argument) {
    raw_call(SYSCALL_THREAD_EXIT, argument);
}

/* Fills the heap up to the limit: then mmap, thread creation and shm all fail with ENOMEM,
 * while a child, charged to itself, still starts. */
static void check_limit(const char* self) {
    struct abi_process_info start = self_info();
    uint32_t free_before = free_frames();
    void* heap_start = sbrk(0);
    int pages = 0;
    while (sbrk(PAGE) != (void*)-1)
        ++pages;
    int stopped_by = errno;
    struct abi_process_info full = self_info();
    uint32_t charged = full.charged_frames + (full.charged_heap_bytes + PAGE - 1) / PAGE;
    EXPECT_VALUE(full.charged_pages, charged);
    printf("limit %u pages; heap grew by %d pages; charged %u pages\n", full.memory_limit_pages,
           pages, charged);
    EXPECT_VALUE(stopped_by, ENOMEM);
    expect_that(charged <= full.memory_limit_pages && charged + 2 >= full.memory_limit_pages,
                "stopped at the limit: %u charged of %u", charged, full.memory_limit_pages);
    expect_that(free_frames() >= free_before - full.memory_limit_pages,
                "took no more than its limit from the free frames");

    /* The kernel says ENOMEM; pthread_create says EAGAIN, as POSIX has it. */
    EXPECT_ERROR(raw_call(SYSCALL_THREAD_CREATE, exit_at_once, 0), ENOMEM);
    pthread_t thread;
    EXPECT_VALUE(pthread_create(&thread, NULL, idle_thread, NULL), EAGAIN);
    int object = shm_open("/memory-limits-full", O_RDWR | O_CREAT, 0600);
    if (object >= 0) { /* its bookkeeping may still fit in the last page: its frames do not */
        EXPECT_ERRNO(ftruncate(object, 16 * PAGE), ENOMEM);
        close(object);
        shm_unlink("/memory-limits-full");
    } else {
        EXPECT_VALUE(errno, ENOMEM);
    }
    pid_t child;
    char* argv[] = {(char*)self, "exit", NULL};
    EXPECT_VALUE(posix_spawn(&child, self, NULL, NULL, argv, NULL), 0);
    int status = -1;
    EXPECT_VALUE(waitpid(child, &status, 0), child);
    expect_exited("child of a process at its limit", status, 0);

    EXPECT_VALUE(brk(heap_start), 0);
    struct abi_process_info back = self_info();
    EXPECT_VALUE(back.charged_frames, start.charged_frames);
    EXPECT_VALUE(pthread_create(&thread, NULL, idle_thread, NULL), 0);
    EXPECT_VALUE(pthread_join(thread, NULL), 0);
}

int main(int argc, char** argv) {
    if (argc >= 4 && strcmp(argv[1], "hog") == 0)
        return run_hog(atoi(argv[2]), (uint32_t)atoi(argv[3]));
    if (argc >= 2 && strcmp(argv[1], "exit") == 0)
        return 0;
    const char* self = program_path(argv, "memory_limits");
    if (argc >= 2 && strcmp(argv[1], "limit") == 0) {
        check_exact_charges();
        check_limit(self);
        return finish_checks("memory_limits limit");
    }
    check_reserve(self);
    /* The limit checks run in a child: a fresh process, charged for nothing of the above. */
    expect_exited("memory_limits limit", run_child(self, "limit", NULL), 0);
    return finish_checks("memory_limits");
}

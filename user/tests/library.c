/* User test of the user library: stdio, numbers, strings, malloc, threads, mutex types,
 * semaphores, time, and how a process ends (exit, abort, assert, stack smashing, a bad free,
 * pthread_exit in main, exit from a thread). It is plain POSIX C, so it also builds on Linux.
 * Exits with status 0 when every check passed.
 *
 * The endings are checked by running this program again with one argument (the ending) and
 * waiting for it; see run_ending(). */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int g_checks;
static int g_failures;

#define CHECK(condition)                                                                           \
    do {                                                                                           \
        __atomic_add_fetch(&g_checks, 1, __ATOMIC_RELAXED);                                        \
        if (!(condition)) {                                                                        \
            printf("FAIL %s:%d: %s\n", __func__, __LINE__, #condition);                            \
            __atomic_add_fetch(&g_failures, 1, __ATOMIC_RELAXED);                                  \
        }                                                                                          \
    } while (0)

/* --- stdio ------------------------------------------------------------------------------------ */

static void check_formatting(void) {
    char buffer[32];
    CHECK(snprintf(buffer, sizeof buffer, "%d-%s-%x", 5, "ab", 255) == 7);
    CHECK(strcmp(buffer, "5-ab-ff") == 0);
    const char* long_text = "abcdef";
    CHECK(snprintf(buffer, 4, "%s", long_text) == 6 && strcmp(buffer, "abc") == 0);
    CHECK(sprintf(buffer, "%05d|%-3s|", 42, "x") == 10 && strcmp(buffer, "00042|x  |") == 0);
    CHECK(snprintf(buffer, sizeof buffer, "%" PRIu64, (uint64_t)1 << 40) == 13);
    CHECK(printf("printf: %lld %zu %p\n", -5LL, sizeof(long), (void*)0x1234) > 0);
    CHECK(puts("puts: a line") >= 0);
    CHECK(putchar('!') == '!' && putchar('\n') == '\n');
    CHECK(fputs("fputs: to stderr\n", stderr) >= 0);
    CHECK(fprintf(stderr, "fprintf: to stderr %d\n", 7) == (int)strlen("fprintf: to stderr 7\n"));
    CHECK(fwrite("fwrite: 2 x 7\n", 2, 7, stdout) == 7);
    CHECK(fileno(stdout) == 1 && fileno(stderr) == 2 && fileno(stdin) == 0);
    CHECK(fflush(NULL) == 0 && !ferror(stdout));
}

static void check_error_texts(void) {
    CHECK(strcmp(strerror(EDEADLK), "Resource deadlock avoided") == 0);
    CHECK(strcmp(strerror(EFAULT), "Bad address") == 0);
    CHECK(strncmp(strerror(9999), "Unknown error 9999", 19) == 0);
    errno = EAGAIN;
    perror("perror");
    CHECK(errno == EAGAIN);
}

/* --- numbers and strings ---------------------------------------------------------------------- */

static void check_numbers(void) {
    char* end;
    errno = 0;
    CHECK(strtol("2147483648", &end, 10) == LONG_MAX && errno == ERANGE && *end == '\0');
    errno = 0;
    CHECK(strtol(" -0x1fz", &end, 0) == -31 && *end == 'z' && errno == 0);
    CHECK(strtol("junk", &end, 10) == 0 && strcmp(end, "junk") == 0);
    CHECK(strtoul("-1", NULL, 10) == ULONG_MAX);
    CHECK(strtoll("-9223372036854775808", NULL, 10) == LLONG_MIN);
    CHECK(strtoull("ffffffffffffffff", NULL, 16) == ULLONG_MAX);
    CHECK(atoi("  42abc") == 42 && atoi("x") == 0 && atol("-7") == -7);
    CHECK(abs(-3) == 3 && labs(-4L) == 4 && llabs(-5LL) == 5);
    div_t quotient = div(7, 2);
    CHECK(quotient.quot == 3 && quotient.rem == 1);
    srand(7);
    int first = rand();
    srand(7);
    CHECK(rand() == first && first >= 0 && first <= RAND_MAX);
    CHECK(isdigit('5') && !isdigit('a') && isspace('\t') && toupper('q') == 'Q' && ispunct('!'));
}

static void check_strings(void) {
    char text[] = "a,b,,c";
    char* parts[4];
    int count = 0;
    for (char* part = strtok(text, ","); part && count < 4; part = strtok(NULL, ","))
        parts[count++] = part;
    CHECK(count == 3 && strcmp(parts[0], "a") == 0 && strcmp(parts[2], "c") == 0);
    CHECK(strstr("hello world", "o w") != NULL && strstr("abc", "abcd") == NULL);
    char* copy = strdup("copy");
    CHECK(copy && strcmp(copy, "copy") == 0);
    free(copy);
    char buffer[8];
    strncpy(buffer, "ab", sizeof buffer);
    CHECK(buffer[2] == '\0' && buffer[7] == '\0');
    strcpy(buffer, "ab");
    strncat(buffer, "cdefgh", 3);
    CHECK(strcmp(buffer, "abcde") == 0);
    CHECK(strrchr("a/b/c", '/')[1] == 'c' && strspn("aab", "a") == 2 && strcspn("abc", "c") == 2);
    CHECK(memchr("abc", 'c', 3) != NULL && strpbrk("abc", "xc")[0] == 'c');
    CHECK(getenv("NO_SUCH_VARIABLE_HERE") == NULL);
}

/* --- malloc ----------------------------------------------------------------------------------- */

static void check_malloc(void) {
    enum { BLOCKS = 200 };
    unsigned char* blocks[BLOCKS];
    size_t sizes[BLOCKS];
    int intact = 1;
    for (int round = 0; round < 4; ++round) {
        for (int i = 0; i < BLOCKS; ++i) {
            sizes[i] = (size_t)(rand() % 3000) + 1;
            blocks[i] = malloc(sizes[i]);
            CHECK(blocks[i] != NULL && (uintptr_t)blocks[i] % 16 == 0);
            memset(blocks[i], i, sizes[i]);
        }
        for (int i = 0; i < BLOCKS; i += 2) {
            blocks[i] = realloc(blocks[i], sizes[i] + 4000);
            for (size_t j = 0; j < sizes[i]; ++j)
                intact &= blocks[i][j] == (unsigned char)i;
        }
        for (int i = 1; i < BLOCKS; i += 2) {
            for (size_t j = 0; j < sizes[i]; ++j)
                intact &= blocks[i][j] == (unsigned char)i;
        }
        for (int i = 0; i < BLOCKS; ++i)
            free(blocks[i]);
    }
    CHECK(intact);
    int* zeros = calloc(100, sizeof(int));
    int all_zero = zeros != NULL;
    for (int i = 0; all_zero && i < 100; ++i)
        all_zero = zeros[i] == 0;
    CHECK(all_zero);
    free(zeros);
    /* volatile: otherwise the compiler may decide the result of a huge malloc by itself */
    size_t volatile huge = SIZE_MAX;
    void* volatile result;
    errno = 0;
    result = malloc(huge);
    CHECK(result == NULL && errno == ENOMEM);
    errno = 0;
    result = calloc(huge / 2, 4);
    CHECK(result == NULL && errno == ENOMEM);
    result = malloc(0);
    CHECK(result != NULL);
    free(result);
}

/* --- threads and mutexes ---------------------------------------------------------------------- */

enum { THREADS = 8, ROUNDS = 20000 };
static pthread_mutex_t g_counter_lock = PTHREAD_MUTEX_INITIALIZER; /* created on first use */
static long g_counter;

/* Read, yield now and then, write: without the mutex the other threads would lose updates. */
static void* add_to_counter(void* argument) {
    int number = (int)(intptr_t)argument;
    int locked = 1;
    for (int i = 0; i < ROUNDS; ++i) {
        locked &= pthread_mutex_lock(&g_counter_lock) == 0;
        long value = g_counter;
        if (i % 256 == 0)
            sched_yield();
        g_counter = value + 1;
        locked &= pthread_mutex_unlock(&g_counter_lock) == 0;
    }
    CHECK(locked);
    errno = number; /* errno is per thread: the others must not change it */
    sched_yield();
    CHECK(errno == number);
    return (void*)(intptr_t)(number * 10);
}

static void check_threads(void) {
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; ++i)
        CHECK(pthread_create(&threads[i], NULL, add_to_counter, (void*)(intptr_t)(i + 1)) == 0);
    for (int i = 0; i < THREADS; ++i) {
        void* result = NULL;
        CHECK(pthread_join(threads[i], &result) == 0 && (intptr_t)result == (i + 1) * 10);
    }
    CHECK(g_counter == (long)THREADS * ROUNDS);
    CHECK(pthread_join(threads[0], NULL) == ESRCH); /* joined already */
    CHECK(pthread_join(pthread_self(), NULL) == EDEADLK);
    CHECK(pthread_equal(pthread_self(), pthread_self()) && !pthread_equal(threads[0], threads[1]));
}

static sem_t g_finished;

static void* signal_finished(void* unused) {
    (void)unused;
    CHECK(sem_post(&g_finished) == 0);
    return NULL;
}

static void check_detached_threads(void) {
    CHECK(sem_init(&g_finished, 0, 0) == 0);
    pthread_attr_t attributes;
    CHECK(pthread_attr_init(&attributes) == 0);
    CHECK(pthread_attr_setdetachstate(&attributes, 7) == EINVAL);
    CHECK(pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED) == 0);
    for (int i = 0; i < 20; ++i) {
        pthread_t thread;
        CHECK(pthread_create(&thread, &attributes, signal_finished, NULL) == 0);
    }
    for (int i = 0; i < 20; ++i)
        CHECK(sem_wait(&g_finished) == 0);
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, signal_finished, NULL) == 0);
    CHECK(pthread_detach(thread) == 0);
    int error = pthread_join(thread, NULL); /* EINVAL while it runs, ESRCH once it is gone */
    CHECK(error == EINVAL || error == ESRCH);
    CHECK(sem_wait(&g_finished) == 0);
    CHECK(sem_destroy(&g_finished) == 0);
    pthread_attr_destroy(&attributes);
}

static pthread_mutex_t g_typed;

static void* misuse_from_another_thread(void* unused) {
    (void)unused;
    CHECK(pthread_mutex_unlock(&g_typed) == EPERM);
    CHECK(pthread_mutex_trylock(&g_typed) == EBUSY);
    return NULL;
}

static void check_mutex_type(int type) {
    pthread_mutexattr_t attributes;
    CHECK(pthread_mutexattr_init(&attributes) == 0);
    CHECK(pthread_mutexattr_settype(&attributes, type) == 0);
    CHECK(pthread_mutex_init(&g_typed, &attributes) == 0);
    CHECK(pthread_mutex_unlock(&g_typed) == EPERM); /* nobody holds it */
    CHECK(pthread_mutex_lock(&g_typed) == 0);
    if (type == PTHREAD_MUTEX_RECURSIVE) {
        CHECK(pthread_mutex_lock(&g_typed) == 0);
        CHECK(pthread_mutex_trylock(&g_typed) == 0);
    } else {
        CHECK(pthread_mutex_lock(&g_typed) == EDEADLK);
        CHECK(pthread_mutex_trylock(&g_typed) == EBUSY);
    }
    pthread_t other;
    CHECK(pthread_create(&other, NULL, misuse_from_another_thread, NULL) == 0);
    CHECK(pthread_join(other, NULL) == 0);
    CHECK(pthread_mutex_destroy(&g_typed) == EBUSY);
    if (type == PTHREAD_MUTEX_RECURSIVE) {
        CHECK(pthread_mutex_unlock(&g_typed) == 0);
        CHECK(pthread_mutex_unlock(&g_typed) == 0);
    }
    CHECK(pthread_mutex_unlock(&g_typed) == 0);
    CHECK(pthread_mutex_unlock(&g_typed) == EPERM);
    CHECK(pthread_mutex_destroy(&g_typed) == 0);
    CHECK(pthread_mutex_lock(&g_typed) == EINVAL); /* destroyed */
    pthread_mutexattr_destroy(&attributes);
}

static void check_mutex_types(void) {
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    CHECK(pthread_mutexattr_settype(&attributes, 99) == EINVAL);
    check_mutex_type(PTHREAD_MUTEX_ERRORCHECK);
    check_mutex_type(PTHREAD_MUTEX_DEFAULT);
    check_mutex_type(PTHREAD_MUTEX_RECURSIVE);
}

/* --- semaphores and time ---------------------------------------------------------------------- */

static void check_semaphores(void) {
    sem_t semaphore;
    int value = -1;
    CHECK(sem_init(&semaphore, 0, (unsigned)SEM_VALUE_MAX + 1) == -1 && errno == EINVAL);
    CHECK(sem_init(&semaphore, 1, 0) == -1 && errno == ENOSYS);
    CHECK(sem_init(&semaphore, 0, 2) == 0);
    CHECK(sem_trywait(&semaphore) == 0 && sem_trywait(&semaphore) == 0);
    CHECK(sem_trywait(&semaphore) == -1 && errno == EAGAIN);
    CHECK(sem_post(&semaphore) == 0 && sem_getvalue(&semaphore, &value) == 0 && value == 1);
    CHECK(sem_destroy(&semaphore) == 0);
    CHECK(sem_wait(&semaphore) == -1 && errno == EINVAL);
    CHECK(sem_init(&semaphore, 0, SEM_VALUE_MAX) == 0);
    CHECK(sem_post(&semaphore) == -1 && errno == EOVERFLOW);
    CHECK(sem_close(&semaphore) == -1 && errno == EINVAL); /* not a named one */
    CHECK(sem_destroy(&semaphore) == 0);
}

static long milliseconds_between(struct timespec start, struct timespec end) {
    return (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000;
}

static void check_time(void) {
    struct timespec start, end;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &start) == 0);
    struct timespec nap = {0, 30 * 1000 * 1000};
    CHECK(nanosleep(&nap, NULL) == 0);
    CHECK(usleep(10000) == 0);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &end) == 0);
    CHECK(milliseconds_between(start, end) >= 40);
    struct timespec invalid = {0, 1000000000};
    CHECK(nanosleep(&invalid, NULL) == -1 && errno == EINVAL);
    CHECK(clock_gettime(99, &end) == -1 && errno == EINVAL);
    CHECK(time(NULL) > 1600000000); /* the wall clock is set */
    CHECK(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start) == 0);
    CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end) == 0);
}

/* --- how a process ends ------------------------------------------------------------------------
 */

static void* finish_late(void* unused) {
    (void)unused;
    usleep(50000);
    printf("ending mainexit: the last thread ends the process\n");
    return NULL;
}

static void* exit_from_thread(void* unused) {
    (void)unused;
    usleep(20000);
    exit(3);
}

static void* sleep_forever(void* unused) {
    (void)unused;
    for (;;)
        usleep(1000);
    return NULL;
}

static void print_at_exit(void) {
    printf("ending exit: atexit function ran\n");
}

/* Not inlined, and fed through a volatile pointer, so that the compiler can neither see the
 * overflow coming nor move the buffer away from the canary that -fstack-protector puts next to
 * it. */
__attribute__((noinline)) static void overflow_the_stack_buffer(const char* text) {
    char small[4];
    strcpy(small, text);
    printf("%s\n", small);
}

/* Runs in the child: ends the process in the way `ending` names. */
static int end_process(const char* ending) {
    if (strcmp(ending, "exit") == 0) {
        atexit(print_at_exit);
        printf("ending exit: no newline, written out by exit...");
        exit(42);
    }
    if (strcmp(ending, "abort") == 0)
        abort();
    if (strcmp(ending, "assert") == 0)
        assert(ending == NULL);
    if (strcmp(ending, "smash") == 0) {
        const char* volatile text = "far too long for a buffer of four bytes, and then some more";
        overflow_the_stack_buffer(text);
    }
    if (strcmp(ending, "badfree") == 0) {
        int local = 0;
        int* volatile pointer = &local;
        free(pointer);
    }
    pthread_t thread;
    if (strcmp(ending, "mainexit") == 0) {
        pthread_create(&thread, NULL, finish_late, NULL);
        pthread_exit(NULL);
    }
    if (strcmp(ending, "threadexit") == 0) {
        for (int i = 0; i < 3; ++i)
            pthread_create(&thread, NULL, sleep_forever, NULL);
        pthread_create(&thread, NULL, exit_from_thread, NULL);
        sleep_forever(NULL);
    }
    if (strcmp(ending, "kill") == 0)
        kill(getpid(), SIGKILL);
    return 99; /* none of the above happened */
}

static void run_ending(const char* program, const char* ending, int exited, int status_or_signal) {
    char* argv[] = {(char*)program, (char*)ending, NULL};
    pid_t child;
    int status = 0;
    CHECK(posix_spawn(&child, program, NULL, NULL, argv, NULL) == 0);
    CHECK(waitpid(child, &status, 0) == child);
    if (exited)
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == status_or_signal);
    else
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == status_or_signal);
    printf("ending %s: wait status %#x\n", ending, status);
}

static void check_endings(const char* program) {
    run_ending(program, "exit", 1, 42);
    run_ending(program, "abort", 0, SIGABRT);
    run_ending(program, "assert", 0, SIGABRT);
    run_ending(program, "smash", 0, SIGABRT);
    run_ending(program, "badfree", 0, SIGABRT);
    run_ending(program, "mainexit", 1, 0);
    run_ending(program, "threadexit", 1, 3);
    run_ending(program, "kill", 0, SIGKILL);
    CHECK(waitpid(-1, NULL, 0) == -1 && errno == ECHILD);
}

int main(int argc, char** argv) {
    if (argc == 2)
        return end_process(argv[1]);
    const char* program = argc > 0 && argv[0][0] == '/' ? argv[0] : "/tests/library";
    check_formatting();
    check_error_texts();
    check_numbers();
    check_strings();
    check_malloc();
    check_threads();
    check_detached_threads();
    check_mutex_types();
    check_semaphores();
    check_time();
    check_endings(program);
    printf("library: %d checks, %d failed: %s\n", g_checks, g_failures,
           g_failures ? "FAIL" : "PASS");
    return g_failures != 0;
}

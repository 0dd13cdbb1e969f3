/* User test: faults in user mode end the faulting process, and only it. Each fault runs in a
 * child (this program started again with "fault NAME"); the parent checks through waitpid that
 * the child was killed by the signal libk/abi/types.h names for that fault: SIGSEGV for page
 * faults and general protection (privileged instructions among them), SIGFPE for divide errors,
 * SIGILL for invalid opcodes, SIGTRAP for a breakpoint. A bystander process runs through all of
 * it and must still be alive at the end. */
#include "check.h"
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* volatile everywhere: the compiler must make exactly the access written, not reason about it
 * (a null dereference is undefined behaviour, which it may otherwise turn into anything). */
static volatile int* volatile g_null = 0;
static volatile int* volatile g_kernel = (int*)0xC0100000; /* kernel code, mapped for it only */
static volatile int g_zero = 0;
static volatile int g_hundred = 100;
static volatile int g_minus_one = -1;
static volatile int g_int_min = INT_MIN;
static const int g_constant = 1;

static void read_null(void) {
    (void)*g_null;
}
static void write_null(void) {
    *g_null = 1;
}
static void jump_null(void) {
    ((void (*)(void))g_null)();
}
static void read_kernel(void) {
    (void)*g_kernel;
}
static void write_kernel(void) {
    *g_kernel = 1;
}
static void jump_kernel(void) {
    ((void (*)(void))g_kernel)();
}
static void write_code(void) {
    *(volatile unsigned char*)write_code = 0xC3;
}
static void write_constants(void) {
    *(volatile int*)&g_constant = 2;
}
static void divide_by_zero(void) {
    g_zero = g_hundred / g_zero;
}
static void divide_overflow(void) {
    g_zero = g_int_min / g_minus_one; /* the quotient does not fit: also a divide error */
}
static void invalid_opcode(void) {
    __asm__ volatile("ud2");
}
static void breakpoint(void) {
    __asm__ volatile("int3");
}
static void disable_interrupts(void) {
    __asm__ volatile("cli");
}
static void halt(void) {
    __asm__ volatile("hlt");
}
static void read_port(void) {
    unsigned char value;
    __asm__ volatile("inb $0x60, %0" : "=a"(value)); /* the keyboard's data port */
}
static void write_port(void) {
    __asm__ volatile("outb %0, $0x80" : : "a"((unsigned char)0));
}
static void read_control_register(void) {
    unsigned long value;
    __asm__ volatile("movl %%cr3, %0" : "=r"(value));
}
/* Software interrupts to vectors user code may not use: the page-fault vector and the timer's. */
static void interrupt_page_fault_vector(void) {
    __asm__ volatile("int $0x0e");
}
static void interrupt_timer_vector(void) {
    __asm__ volatile("int $0x20");
}

/* Each call takes a 1 KiB frame and is not a tail call, so the stack only grows. */
__attribute__((noinline)) static int recurse(volatile char* previous, int depth) {
    volatile char frame[1024];
    frame[0] = (char)(previous ? previous[0] + 1 : 0);
    if (depth == INT_MAX)
        return 0; /* never: the stack ends long before */
    return recurse(frame, depth + 1) + frame[1];
}
static void overflow_stack(void) {
    recurse(NULL, 0);
}

static void* keep_running(void* unused) {
    (void)unused;
    for (;;)
        usleep(1000);
}
static void* overflow_in_thread(void* unused) {
    (void)unused;
    usleep(20000); /* let the others run first */
    recurse(NULL, 0);
    return NULL;
}
/* Three threads go on while a fourth overflows its stack: the whole process is killed. */
static void overflow_thread_stack(void) {
    pthread_t thread;
    for (int i = 0; i < 3; ++i)
        pthread_create(&thread, NULL, keep_running, NULL);
    pthread_create(&thread, NULL, overflow_in_thread, NULL);
    pthread_join(thread, NULL);
}

static const struct {
    const char* name;
    void (*cause)(void);
    int signal;
} FAULTS[] = {
    {"read-null", read_null, SIGSEGV},
    {"write-null", write_null, SIGSEGV},
    {"jump-null", jump_null, SIGSEGV},
    {"read-kernel", read_kernel, SIGSEGV},
    {"write-kernel", write_kernel, SIGSEGV},
    {"jump-kernel", jump_kernel, SIGSEGV},
    {"write-code", write_code, SIGSEGV},
    {"write-constants", write_constants, SIGSEGV},
    {"divide-by-zero", divide_by_zero, SIGFPE},
    {"divide-overflow", divide_overflow, SIGFPE},
    {"invalid-opcode", invalid_opcode, SIGILL},
    {"breakpoint", breakpoint, SIGTRAP},
    {"cli", disable_interrupts, SIGSEGV},
    {"hlt", halt, SIGSEGV},
    {"in", read_port, SIGSEGV},
    {"out", write_port, SIGSEGV},
    {"mov-cr3", read_control_register, SIGSEGV},
    {"int-0x0e", interrupt_page_fault_vector, SIGSEGV},
    {"int-0x20", interrupt_timer_vector, SIGSEGV},
    {"stack-overflow", overflow_stack, SIGSEGV},
    {"thread-stack-overflow", overflow_thread_stack, SIGSEGV},
};
enum { FAULT_COUNT = sizeof FAULTS / sizeof FAULTS[0] };

/* Child: causes the fault called `name`. Exit status 99 means it did not end the process. */
static int cause_fault(const char* name) {
    for (int i = 0; i < FAULT_COUNT; ++i) {
        if (strcmp(FAULTS[i].name, name) == 0) {
            fflush(stdout);
            FAULTS[i].cause();
            return 99;
        }
    }
    printf("faults: no fault called %s\n", name);
    return 98;
}

static pid_t start_bystander(const char* self) {
    char* argv[] = {(char*)self, "bystander", NULL};
    pid_t child = -1;
    EXPECT_VALUE(posix_spawn(&child, self, NULL, NULL, argv, NULL), 0);
    return child;
}

int main(int argc, char** argv) {
    if (argc == 3 && strcmp(argv[1], "fault") == 0)
        return cause_fault(argv[2]);
    if (argc == 2 && strcmp(argv[1], "bystander") == 0)
        keep_running(NULL);
    const char* self = program_path(argv, "faults");
    pid_t bystander = start_bystander(self);
    for (int i = 0; i < FAULT_COUNT; ++i) {
        char what[48];
        snprintf(what, sizeof what, "fault %s", FAULTS[i].name);
        expect_killed(what, run_child(self, "fault", FAULTS[i].name), FAULTS[i].signal);
    }
    /* The bystander went on through all of it; now end it from outside. */
    EXPECT_VALUE(kill(bystander, 0), 0);
    EXPECT_VALUE(kill(bystander, SIGTERM), 0);
    int status = -1;
    EXPECT_VALUE(waitpid(bystander, &status, 0), bystander);
    expect_killed("the bystander", status, SIGTERM);
    return finish_checks("faults");
}

/* User test: the system-call entry itself. Numbers that name no call (zero, negative, huge, one
 * past the last) fail with ENOSYS; self_check, without its switch, with EPERM; every register but
 * eax comes back as it was; a direction flag left set by user code does not confuse the kernel's
 * copies; and a bad user stack pointer at the moment of the call (the CPU switches to the kernel
 * stack, so the kernel need not touch it) either works or ends the process, and the kernel goes on.
 * The stack cases run in child processes: this program started again with the case as its argument.
 */
#include "check.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void check_unknown_numbers(void) {
    EXPECT_ERROR(raw_call(0), ENOSYS);
    EXPECT_ERROR(raw_call(-1), ENOSYS);
    EXPECT_ERROR(raw_call(-SYSCALL_WRITE), ENOSYS);
    EXPECT_ERROR(raw_call(0x80000000u), ENOSYS);
    EXPECT_ERROR(raw_call(0x7FFFFFFFu), ENOSYS);
    EXPECT_ERROR(raw_call(SYSCALL_COUNT), ENOSYS);
    EXPECT_ERROR(raw_call(SYSCALL_COUNT + 1), ENOSYS);
    EXPECT_ERROR(raw_call(0x100 + SYSCALL_GETPID), ENOSYS); /* only the low byte is a call */
    struct abi_system_info info;
    EXPECT_VALUE(raw_call(SYSCALL_SYSTEM_INFO, &info), 0);
    /* The last call, closed unless the kernel runs with self_check=on (the test boots do not). */
    EXPECT_ERROR(raw_call(SYSCALL_SELF_CHECK), EPERM);
    EXPECT_VALUE(raw_call(SYSCALL_GETPID), getpid());
}

/* eax (the call number), ebx, ecx, edx, esi, edi and ebp before and after one int 0x80. They
 * are globals so that the assembly can reach them while every register holds a test value. */
uint32_t g_registers_sent[7];
uint32_t g_registers_returned[7];

static void call_with_registers_set(void) {
    __asm__ volatile("pushl %%ebp\n\t"
                     "movl g_registers_sent + 4, %%ebx\n\t"
                     "movl g_registers_sent + 8, %%ecx\n\t"
                     "movl g_registers_sent + 12, %%edx\n\t"
                     "movl g_registers_sent + 16, %%esi\n\t"
                     "movl g_registers_sent + 20, %%edi\n\t"
                     "movl g_registers_sent + 24, %%ebp\n\t"
                     "movl g_registers_sent, %%eax\n\t"
                     "int $0x80\n\t"
                     "movl %%eax, g_registers_returned\n\t"
                     "movl %%ebx, g_registers_returned + 4\n\t"
                     "movl %%ecx, g_registers_returned + 8\n\t"
                     "movl %%edx, g_registers_returned + 12\n\t"
                     "movl %%esi, g_registers_returned + 16\n\t"
                     "movl %%edi, g_registers_returned + 20\n\t"
                     "movl %%ebp, g_registers_returned + 24\n\t"
                     "popl %%ebp"
                     :
                     :
                     : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory");
}

/* `first_argument` goes in ebx; the other registers get values no call looks at. */
static void check_registers_kept(uint32_t number, uint32_t first_argument, const char* what) {
    static const char* const NAMES[] = {"eax", "ebx", "ecx", "edx", "esi", "edi", "ebp"};
    uint32_t sent[7] = {number,     first_argument, 0x33333333, 0x44444444,
                        0x55555555, 0x66666666,     0x77777777};
    memcpy(g_registers_sent, sent, sizeof sent);
    call_with_registers_set();
    for (int i = 1; i < 7; ++i) {
        expect_that(g_registers_returned[i] == sent[i], "%s after %s: expected %#x, got %#x",
                    NAMES[i], what, sent[i], g_registers_returned[i]);
    }
}

/* A system call made with the direction flag set (std). C code, the kernel's included, assumes
 * it clear, so the kernel must clear it on entry; otherwise its string copies run backwards. */
static long call_with_direction_flag(uint32_t number, uint32_t first, uint32_t second,
                                     uint32_t third) {
    long result;
    __asm__ volatile("std\n\t"
                     "int $0x80\n\t"
                     "cld"
                     : "=a"(result)
                     : "a"(number), "b"(first), "c"(second), "d"(third)
                     : "memory");
    return result;
}

static void check_direction_flag(const char* self) {
    int file = open(self, O_RDONLY);
    unsigned char buffer[64] = {0};
    EXPECT_VALUE(call_with_direction_flag(SYSCALL_READ, file, (uint32_t)buffer, 32), 32);
    EXPECT_TRUE(memcmp(buffer, "\177ELF", 4) == 0 && buffer[32] == 0);
    static const char line[] = "calls: written with the direction flag set\n";
    fflush(stdout);
    EXPECT_VALUE(call_with_direction_flag(SYSCALL_WRITE, 1, (uint32_t)line, sizeof line - 1),
                 (long)(sizeof line - 1));
    close(file);
}

/* --- a bad stack pointer at the call (run in a child) --------------------------------------- */

/* Makes the call with esp set to `stack`; edi keeps the real one (the kernel preserves it). */
static long call_on_stack(uint32_t stack, uint32_t number, uint32_t argument) {
    long result;
    __asm__ volatile("movl %%esp, %%edi\n\t"
                     "movl %%ecx, %%esp\n\t"
                     "int $0x80\n\t"
                     "movl %%edi, %%esp"
                     : "=a"(result)
                     : "a"(number), "b"(argument), "c"(stack)
                     : "edi", "memory");
    return result;
}

/* Child: exit status 0 when the call worked, 2 when it failed; or the kernel ends it. */
static int make_call_on_bad_stack(const char* which) {
    uint32_t stack = strcmp(which, "null") == 0     ? 0
                     : strcmp(which, "kernel") == 0 ? 0xC0000000u
                                                    : 0xFFFFFFF3u;
    if (strcmp(which, "exit") == 0)
        call_on_stack(0, SYSCALL_EXIT, 7); /* never returns */
    long pid = call_on_stack(stack, SYSCALL_GETPID, 0);
    long slept = call_on_stack(stack, SYSCALL_SLEEP_MS, 10); /* blocks: another thread runs */
    return pid == getpid() && slept == 0 ? 0 : 2;
}

static void check_bad_stacks(const char* self) {
    static const char* const CASES[] = {"null", "kernel", "top"};
    for (int i = 0; i < 3; ++i) {
        int status = run_child(self, "bad-stack", CASES[i]);
        int worked = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        int refused = WIFEXITED(status) && WEXITSTATUS(status) == 2;
        int killed = WIFSIGNALED(status) && WTERMSIG(status) == ABI_SIGSEGV;
        expect_that(status != -1 && (worked || refused || killed),
                    "bad stack %s: expected exit status 0 or 2, or SIGSEGV; got wait status %#x",
                    CASES[i], status);
    }
    expect_exited("exit on a null stack", run_child(self, "bad-stack", "exit"), 7);
}

int main(int argc, char** argv) {
    if (argc == 3 && strcmp(argv[1], "bad-stack") == 0)
        return make_call_on_bad_stack(argv[2]);
    const char* self = program_path(argv, "calls");
    check_unknown_numbers();
    check_registers_kept(SYSCALL_GETPID, 0x22222222, "getpid");
    check_registers_kept(SYSCALL_YIELD, 0x22222222, "yield");
    check_registers_kept(SYSCALL_SLEEP_MS, 1, "sleep_ms");
    check_registers_kept(SYSCALL_COUNT, 0x22222222, "an unknown call");
    check_direction_flag(self);
    check_bad_stacks(self);
    return finish_checks("calls");
}

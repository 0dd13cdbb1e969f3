/* sh: the shell on the console. It reads a line (echoing and editing it itself, because console
 * input arrives raw), splits it into words, and either runs a built-in (help, ps, exit) or
 * starts the program the first word names, waits for it, and says how it ended. While a program
 * runs it is the console's foreground process, so Ctrl-C ends it (the kernel kills it with
 * SIGINT); while the shell reads, Ctrl-C arrives as the byte 3 and only drops the line. */
#include "line_editor.h"
#include "process_table.h"
#include "programs.h"
#include "words.h"
#include <errno.h>
#include <libk/abi/types.h>
#include <limits.h>
#include <os.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* --- reading a line ------------------------------------------------------------------------- */

/* Bytes read from the console but not used yet: a read may bring more than one line (pasted
 * text, keys typed while a program ran). */
static char g_input[128];
static size_t g_input_next;
static size_t g_input_end;

static void echo_to_console(const char* bytes, size_t count) {
    fwrite(bytes, 1, count, stdout);
}

/* The next typed byte, or -1 at the end of input. Echoes are written out before waiting. */
static int next_byte(void) {
    if (g_input_next == g_input_end) {
        fflush(stdout);
        ssize_t count = read(STDIN_FILENO, g_input, sizeof g_input);
        if (count <= 0) {
            if (count < 0)
                perror("sh: read");
            return -1;
        }
        g_input_next = 0;
        g_input_end = (size_t)count;
    }
    return (unsigned char)g_input[g_input_next++];
}

/* Reads one line into the editor; returns how it ended. */
static enum LineEvent read_line(struct LineEditor* editor) {
    line_editor_clear(editor);
    for (;;) {
        int byte = next_byte();
        if (byte < 0)
            return LINE_END_OF_INPUT;
        enum LineEvent event = line_editor_take(editor, (char)byte);
        if (event != LINE_GOING_ON)
            return event;
    }
}

/* --- built-in commands ---------------------------------------------------------------------- */

static int run_help(int argc, char** argv);
static int run_ps(int argc, char** argv);
static int run_exit(int argc, char** argv);

static const struct {
    const char* name;
    const char* description;
    int (*run)(int argc, char** argv);
} BUILT_INS[] = {
    {"help", "help             this text", run_help},
    {"ps", "ps               processes and threads, with their saved registers", run_ps},
    {"exit", "exit [status]    end the shell (init starts a new one)", run_exit},
};
enum { BUILT_IN_COUNT = sizeof BUILT_INS / sizeof BUILT_INS[0] };

static int run_help(int argc, char** argv) {
    (void)argc;
    (void)argv;
    printf("Built-in commands:\n");
    for (int i = 0; i < BUILT_IN_COUNT; ++i)
        printf("  %s\n", BUILT_INS[i].description);
    printf("Any other word runs a program: a path (/bin/hello), or a name looked up in");
    for (int i = 0; PROGRAM_FOLDERS[i]; ++i)
        printf(" %s", PROGRAM_FOLDERS[i]);
    printf(".\nWords after it are its arguments; \"double quotes\" keep spaces in one.\n"
           "Keys: Backspace erases, Ctrl-U clears the line, Ctrl-C ends the running program.\n");
    return 0;
}

static int run_ps(int argc, char** argv) {
    (void)argc;
    (void)argv;
    if (print_process_table() != 0) {
        perror("ps");
        return 1;
    }
    return 0;
}

static int run_exit(int argc, char** argv) {
    exit(argc > 1 ? atoi(argv[1]) : 0);
}

/* --- running programs ----------------------------------------------------------------------- */

static void report_not_found(const char* name, int error) {
    if (error == ENOENT && !strchr(name, '/'))
        fprintf(stderr, "sh: %s: no such program (try help)\n", name);
    else
        fprintf(stderr, "sh: %s: %s\n", name, strerror(error));
}

/* Starts the program, makes it the foreground process while waiting for it, and reports how it
 * ended. argv[0] becomes the program's full path, so a program can start itself again. */
static void run_program(char** argv) {
    char path[PATH_MAX];
    int error = find_program(argv[0], path, sizeof path);
    if (error != 0) {
        report_not_found(argv[0], error);
        return;
    }
    argv[0] = path;
    fflush(stdout);
    pid_t child;
    error = posix_spawn(&child, path, NULL, NULL, argv, NULL);
    if (error != 0) {
        fprintf(stderr, "sh: %s: %s\n", path, strerror(error));
        return;
    }
    os_set_foreground(child); /* may fail if it has ended already: nothing to do then */
    int status;
    pid_t ended = waitpid(child, &status, 0);
    os_set_foreground(0);
    if (ended != child) {
        perror("sh: waitpid");
        return;
    }
    char how[64];
    describe_wait_status(status, how, sizeof how);
    printf("[%s, pid %d: %s]\n", path, child, how);
}

static void run_line(char* line) {
    char* words[ABI_ARGUMENT_COUNT_MAX + 1];
    int count = split_words(line, words, ABI_ARGUMENT_COUNT_MAX + 1);
    if (count == WORDS_TOO_MANY) {
        fprintf(stderr, "sh: more than %d words\n", ABI_ARGUMENT_COUNT_MAX);
        return;
    }
    if (count == WORDS_OPEN_QUOTE) {
        fprintf(stderr, "sh: a \" is not closed\n");
        return;
    }
    if (count == 0)
        return;
    for (int i = 0; i < BUILT_IN_COUNT; ++i) {
        if (strcmp(words[0], BUILT_INS[i].name) == 0) {
            BUILT_INS[i].run(count, words);
            return;
        }
    }
    run_program(words);
}

int main(void) {
    printf("Shell on the console: type help for the commands.\n");
    struct LineEditor editor;
    line_editor_start(&editor, echo_to_console);
    for (;;) {
        printf("$ ");
        enum LineEvent event = read_line(&editor);
        if (event == LINE_END_OF_INPUT)
            return 0;
        if (event == LINE_FINISHED)
            run_line(editor.text);
    }
}

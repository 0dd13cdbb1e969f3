// Parsing of "--name value", "--name=value" and "--flag" against a demo's option table.

#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE_WIDTH 79 // the help fits the kernel's 80-column console
#define HELP_COLUMN 22

// Prints text from `column` on, breaking lines between words so none passes USAGE_WIDTH;
// continuation lines start at `indent`. A newline in the text counts as a space.
static void print_wrapped(FILE* out, int column, int indent, const char* text) {
    while (*text) {
        int word = 0;
        while (text[word] && text[word] != ' ' && text[word] != '\n')
            word++;
        if (column > indent && column + 1 + word > USAGE_WIDTH) {
            fprintf(out, "\n%*s", indent, "");
            column = indent;
        } else if (column > indent) {
            fputs(" ", out);
            column++;
        }
        fprintf(out, "%.*s", word, text);
        column += word;
        text += word;
        if (*text)
            text++;
    }
    fputs("\n", out);
}

static void print_usage(const ProgramInfo* program, FILE* out) {
    fprintf(out, "usage: %s [options]\n\n", program->name);
    print_wrapped(out, 0, 0, program->purpose);
    fputs("\noptions:\n", out);
    for (int i = 0; i < program->option_count; i++) {
        const Option* option = &program->options[i];
        if (!option->help)
            continue;
        char left[40];
        if (option->kind == OPTION_NUMBER)
            snprintf(left, sizeof left, "--%s N", option->name);
        else if (option->kind == OPTION_TEXT)
            snprintf(left, sizeof left, "--%s WORD", option->name);
        else
            snprintf(left, sizeof left, "--%s", option->name);
        char help[200];
        if (option->kind == OPTION_NUMBER)
            snprintf(help, sizeof help, "%s (%d..%d, default %d)", option->help, option->minimum,
                     option->maximum, *(int*)option->value);
        else
            snprintf(help, sizeof help, "%s", option->help);
        fprintf(out, "  %-*s", HELP_COLUMN - 2, left);
        print_wrapped(out, HELP_COLUMN, HELP_COLUMN, help);
    }
    fprintf(out, "  %-*s", HELP_COLUMN - 2, "--help");
    print_wrapped(out, HELP_COLUMN, HELP_COLUMN, "show this text");
}

static void reject(const ProgramInfo* program, const char* reason, const char* word) {
    fprintf(stderr, "%s: %s '%s'\n\n", program->name, reason, word);
    print_usage(program, stderr);
    exit(2);
}

static Option* find_option(const ProgramInfo* program, const char* name, size_t length) {
    for (int i = 0; i < program->option_count; i++) {
        Option* option = &program->options[i];
        if (strlen(option->name) == length && strncmp(option->name, name, length) == 0)
            return option;
    }
    return NULL;
}

static void store_number(const ProgramInfo* program, Option* option, const char* text) {
    char* end = NULL;
    errno = 0;
    long number = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0')
        reject(program, "not a number:", text);
    if (number < option->minimum || number > option->maximum) {
        fprintf(stderr, "%s: --%s must be between %d and %d, not %ld\n", program->name,
                option->name, option->minimum, option->maximum, number);
        exit(2);
    }
    *(int*)option->value = (int)number;
}

void parse_options(const ProgramInfo* program, int argc, char** argv) {
    for (int i = 1; i < argc; i++) {
        const char* word = argv[i];
        if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0) {
            print_usage(program, stdout);
            exit(0);
        }
        if (strncmp(word, "--", 2) != 0)
            reject(program, "unexpected argument", word);
        const char* name = word + 2;
        const char* equals = strchr(name, '=');
        size_t name_length = equals ? (size_t)(equals - name) : strlen(name);
        Option* option = find_option(program, name, name_length);
        if (!option)
            reject(program, "unknown option", word);
        if (option->kind == OPTION_FLAG) {
            if (equals)
                reject(program, "this option takes no value:", word);
            *(bool*)option->value = true;
            continue;
        }
        const char* text = equals ? equals + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!text)
            reject(program, "missing value after", word);
        if (option->kind == OPTION_NUMBER)
            store_number(program, option, text);
        else
            *(const char**)option->value = text;
    }
}

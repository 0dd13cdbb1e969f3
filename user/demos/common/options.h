// Command-line options of the demos: each demo lists its options in a table (name, default,
// range, help) and parse_options fills them in from argv, answers --help, and rejects bad input
// with a message instead of guessing.
#pragma once

#include <stdbool.h>

typedef enum OptionKind {
    OPTION_NUMBER, // --name N, an integer within [minimum, maximum]
    OPTION_FLAG,   // --name, sets a bool
    OPTION_TEXT,   // --name WORD, a string (used for the hidden roles of spawned children)
} OptionKind;

typedef struct Option {
    const char* name; // without the leading "--"
    OptionKind kind;
    void* value; // int*, bool* or const char**; holds the default before parsing
    int minimum;
    int maximum;
    const char* help; // NULL hides the option from --help (internal options)
} Option;

typedef struct ProgramInfo {
    const char* name;
    const char* purpose; // one or two sentences for --help
    Option* options;
    int option_count;
} ProgramInfo;

// Parses argv into the option table. --help prints the usage and exits with status 0; an
// unknown option or a bad value prints the reason and the usage, and exits with status 2.
void parse_options(const ProgramInfo* program, int argc, char** argv);

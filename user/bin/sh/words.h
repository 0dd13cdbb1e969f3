/* Splitting a command line into words, the way the shell reads "program argument ...". Pure
 * string work, no system calls. */
#pragma once

enum {
    WORDS_TOO_MANY = -1,   /* more words than fit */
    WORDS_OPEN_QUOTE = -2, /* a '"' without its closing one */
};

/* Splits `line` in place into words separated by spaces or tabs; text in "double quotes" stays
 * in one word, without the quotes ("a b" is one word, a""b is "ab"). Stores the words and a
 * NULL after them in `words` (room for `capacity` pointers). Returns the number of words, or
 * WORDS_TOO_MANY or WORDS_OPEN_QUOTE. */
int split_words(char* line, char** words, int capacity);

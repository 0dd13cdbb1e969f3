/* Word splitting for the shell (see words.h). The words are written back into the line itself:
 * removing quotes only ever shortens a word, so the write position never passes the read
 * position. */
#include "words.h"

static int is_separator(char character) {
    return character == ' ' || character == '\t';
}

int split_words(char* line, char** words, int capacity) {
    int count = 0;
    char* read = line;
    for (;;) {
        while (is_separator(*read))
            ++read;
        if (*read == '\0')
            break;
        if (count + 1 >= capacity)
            return WORDS_TOO_MANY;
        char* write = read;
        words[count++] = write;
        int quoted = 0;
        while (*read != '\0' && (quoted || !is_separator(*read))) {
            if (*read == '"')
                quoted = !quoted;
            else
                *write++ = *read;
            ++read;
        }
        if (quoted)
            return WORDS_OPEN_QUOTE;
        if (*read != '\0')
            ++read; /* past the separator, before the end mark may overwrite it */
        *write = '\0';
    }
    words[count] = 0;
    return count;
}

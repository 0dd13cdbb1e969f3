// ProgramArguments: a kernel copy of the argument vector of a program being started, and the
// initial stack built from it (libk/abi/program_start.h):
//
//     esp ->  argc, argv[0], ..., argv[argc - 1], NULL, NULL (no environment), padding,
//             the strings, packed up to the stack top
//
// Pure logic, tested on the host: the spawn code copies the strings in, then writes the image
// this builds onto the new process's stack.
#pragma once

#include "libk/abi/types.h"
#include "libk/error_or.h"

class ProgramArguments {
public:
    static constexpr size_t COUNT_MAX = ABI_ARGUMENT_COUNT_MAX;
    static constexpr size_t BYTES_MAX = ABI_ARGUMENT_BYTES_MAX; // strings, NULs included

    // Adds a copy of `text`. ArgumentsTooLong beyond COUNT_MAX arguments or BYTES_MAX bytes.
    libk::ErrorOr<void> add(const char* text);

    // For copying a string from elsewhere straight in: write at most room() bytes (the NUL
    // included) at tail(), then commit() the length without the NUL.
    char* tail() { return m_strings + m_used; }
    size_t room() const { return BYTES_MAX - m_used; }
    libk::ErrorOr<void> commit(size_t length);

    size_t count() const { return m_count; }
    const char* at(size_t index) const { return m_strings + m_offsets[index]; }
    // Bytes of all strings, NULs included.
    size_t string_bytes() const { return m_used; }

    // Bytes the initial stack takes below `stack_top` (a multiple of 16, so esp is aligned).
    size_t initial_stack_size(uint32_t stack_top) const;
    // Writes the initial stack for a stack ending at `stack_top` into `image`, which stands for
    // the initial_stack_size() bytes just below the top. Returns the initial esp.
    uint32_t build_initial_stack(uint8_t* image, uint32_t stack_top) const;

private:
    char m_strings[BYTES_MAX];
    size_t m_used = 0;
    uint32_t m_offsets[COUNT_MAX];
    size_t m_count = 0;
};

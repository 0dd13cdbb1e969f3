// See program_arguments.h.
#include "kernel/proc/program_arguments.h"
#include "libk/string.h"

libk::ErrorOr<void> ProgramArguments::add(const char* text) {
    size_t length = strlen(text);
    if (length + 1 > room())
        return libk::Error::ArgumentsTooLong;
    memcpy(tail(), text, length + 1);
    return commit(length);
}

libk::ErrorOr<void> ProgramArguments::commit(size_t length) {
    if (m_count == COUNT_MAX || length + 1 > room())
        return libk::Error::ArgumentsTooLong;
    m_strings[m_used + length] = '\0';
    m_offsets[m_count++] = static_cast<uint32_t>(m_used);
    m_used += length + 1;
    return {};
}

size_t ProgramArguments::initial_stack_size(uint32_t stack_top) const {
    // argc, the argv pointers, NULL, and the NULL that ends the empty environment.
    size_t words = 1 + m_count + 1 + 1;
    uint32_t lowest = stack_top - static_cast<uint32_t>(m_used + words * 4);
    return stack_top - (lowest & ~15u);
}

uint32_t ProgramArguments::build_initial_stack(uint8_t* image, uint32_t stack_top) const {
    size_t size = initial_stack_size(stack_top);
    uint32_t esp = stack_top - static_cast<uint32_t>(size);
    memset(image, 0, size);
    // The strings go to the very top; the image's byte i stands for address esp + i.
    uint32_t strings_address = stack_top - static_cast<uint32_t>(m_used);
    memcpy(image + (strings_address - esp), m_strings, m_used);
    auto put_word = [&](size_t index, uint32_t value) { memcpy(image + index * 4, &value, 4); };
    put_word(0, static_cast<uint32_t>(m_count));
    for (size_t index = 0; index < m_count; ++index)
        put_word(1 + index, strings_address + m_offsets[index]);
    // The words after argv (its NULL, the environment's NULL) are already zero.
    return esp;
}

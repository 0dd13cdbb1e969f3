// Bitmap: one bit per item over words the caller provides (it allocates nothing), so it can
// describe physical memory before any allocator exists.
#pragma once

#include "libk/types.h"

namespace libk {

class Bitmap {
public:
    static constexpr size_t BITS_PER_WORD = 32;

    // Words needed for `bit_count` bits.
    static constexpr size_t words_for(size_t bit_count) {
        return (bit_count + BITS_PER_WORD - 1) / BITS_PER_WORD;
    }

    Bitmap() = default;
    Bitmap(uint32_t* words, size_t bit_count) : m_words(words), m_bit_count(bit_count) {}

    size_t size() const { return m_bit_count; }

    bool get(size_t index) const {
        return (m_words[index / BITS_PER_WORD] >> (index % BITS_PER_WORD)) & 1;
    }
    void set(size_t index) { m_words[index / BITS_PER_WORD] |= bit(index); }
    void clear(size_t index) { m_words[index / BITS_PER_WORD] &= ~bit(index); }

    void clear_all() {
        for (size_t word = 0; word < words_for(m_bit_count); ++word)
            m_words[word] = 0;
    }

private:
    static uint32_t bit(size_t index) { return uint32_t{1} << (index % BITS_PER_WORD); }

    uint32_t* m_words = nullptr;
    size_t m_bit_count = 0;
};

} // namespace libk

// Span<T>: a pointer and a count, for passing "these n things" without copying them or
// allocating. It owns nothing; the memory it points at must outlive it.
#pragma once

#include "libk/types.h"

namespace libk {

template <typename T>
class Span {
public:
    constexpr Span() = default;
    constexpr Span(T* data, size_t size) : m_data(data), m_size(size) {}
    template <size_t N>
    constexpr Span(T (&array)[N]) : m_data(array), m_size(N) {}

    constexpr T* data() const { return m_data; }
    constexpr size_t size() const { return m_size; }
    constexpr bool is_empty() const { return m_size == 0; }
    constexpr T& operator[](size_t index) const { return m_data[index]; }
    constexpr T* begin() const { return m_data; }
    constexpr T* end() const { return m_data + m_size; }

private:
    T* m_data = nullptr;
    size_t m_size = 0;
};

} // namespace libk

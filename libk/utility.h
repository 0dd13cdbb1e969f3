// The few pieces of <utility> and <algorithm> the kernel needs, written out because a
// freestanding build has no C++ standard library.
#pragma once

namespace libk {

template <typename T>
struct RemoveReference {
    using Type = T;
};
template <typename T>
struct RemoveReference<T&> {
    using Type = T;
};
template <typename T>
struct RemoveReference<T&&> {
    using Type = T;
};

template <typename T>
constexpr typename RemoveReference<T>::Type&& move(T&& value) {
    return static_cast<typename RemoveReference<T>::Type&&>(value);
}

template <typename T>
constexpr T&& forward(typename RemoveReference<T>::Type& value) {
    return static_cast<T&&>(value);
}

template <typename T>
constexpr const T& min(const T& a, const T& b) {
    return b < a ? b : a;
}

template <typename T>
constexpr const T& max(const T& a, const T& b) {
    return a < b ? b : a;
}

template <typename T>
constexpr void swap(T& a, T& b) {
    T saved = move(a);
    a = move(b);
    b = move(saved);
}

// Round up/down to a multiple of a power of two (page sizes, alignments).
constexpr unsigned long align_up(unsigned long value, unsigned long alignment) {
    return (value + alignment - 1) & ~(alignment - 1);
}
constexpr unsigned long align_down(unsigned long value, unsigned long alignment) {
    return value & ~(alignment - 1);
}

} // namespace libk

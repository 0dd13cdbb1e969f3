// The declarations of <new> (placement new, std::nothrow, std::align_val_t) for the freestanding
// build, which has no C++ standard library. Hosted builds (the GoogleTest binary) use the real one.
#pragma once

#include "libk/types.h"

#ifdef LIBK_HOSTED
#include <new>
#else

namespace std {
struct nothrow_t {
    explicit nothrow_t() = default;
};
extern const nothrow_t nothrow;
enum class align_val_t : size_t {};
} // namespace std

// Placement new constructs an object in memory the caller already owns; it allocates nothing.
inline void* operator new(size_t, void* place) noexcept {
    return place;
}
inline void* operator new[](size_t, void* place) noexcept {
    return place;
}

// The allocating forms are defined by the kernel heap (kernel/memory/kernel_heap.cpp).
// The plain forms cannot report failure, so they panic when memory runs out: code that can
// handle running out of memory uses the nothrow forms and checks for nullptr.
void* operator new(size_t size);
void* operator new[](size_t size);
void* operator new(size_t size, std::align_val_t alignment);
void* operator new[](size_t size, std::align_val_t alignment);
void* operator new(size_t size, const std::nothrow_t&) noexcept;
void* operator new[](size_t size, const std::nothrow_t&) noexcept;
void* operator new(size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept;
void* operator new[](size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept;
void operator delete(void* pointer) noexcept;
void operator delete[](void* pointer) noexcept;
void operator delete(void* pointer, size_t size) noexcept;
void operator delete[](void* pointer, size_t size) noexcept;
void operator delete(void* pointer, std::align_val_t alignment) noexcept;
void operator delete[](void* pointer, std::align_val_t alignment) noexcept;
void operator delete(void* pointer, size_t size, std::align_val_t alignment) noexcept;
void operator delete[](void* pointer, size_t size, std::align_val_t alignment) noexcept;

#endif

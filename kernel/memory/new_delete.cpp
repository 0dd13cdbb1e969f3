// operator new and delete for the kernel, on the kernel heap (kernel_heap.h).
//
// `new (std::nothrow) T` returns nullptr when memory runs out, and the caller handles it: that
// is the form kernel code uses. The plain `new T` has no way to report failure without
// exceptions, so running out there is a panic that says where to look.
#include "kernel/debug/panic.h"
#include "kernel/memory/kernel_heap.h"
#include "libk/new.h"

namespace std {
const nothrow_t nothrow{};
}

namespace {

void* allocate_or_null(size_t size, size_t alignment) {
    libk::ErrorOr<void*> result = memory::kernel_allocate(size, alignment);
    return result.is_error() ? nullptr : result.value();
}

void* allocate_or_panic(size_t size, size_t alignment) {
    void* pointer = allocate_or_null(size, alignment);
    if (pointer == nullptr)
        panic("out of kernel heap memory for a plain new of %zu bytes (code that can handle "
              "running out uses new (std::nothrow) and checks for nullptr)",
              size);
    return pointer;
}

constexpr size_t DEFAULT = memory::Heap::MINIMUM_ALIGNMENT;

} // namespace

void* operator new(size_t size) {
    return allocate_or_panic(size, DEFAULT);
}
void* operator new[](size_t size) {
    return allocate_or_panic(size, DEFAULT);
}
void* operator new(size_t size, std::align_val_t alignment) {
    return allocate_or_panic(size, static_cast<size_t>(alignment));
}
void* operator new[](size_t size, std::align_val_t alignment) {
    return allocate_or_panic(size, static_cast<size_t>(alignment));
}
void* operator new(size_t size, const std::nothrow_t&) noexcept {
    return allocate_or_null(size, DEFAULT);
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept {
    return allocate_or_null(size, DEFAULT);
}
void* operator new(size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return allocate_or_null(size, static_cast<size_t>(alignment));
}
void* operator new[](size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return allocate_or_null(size, static_cast<size_t>(alignment));
}

// The heap knows each block's size and alignment, so every form of delete is the same free.
void operator delete(void* pointer) noexcept {
    memory::kernel_free(pointer);
}
void operator delete[](void* pointer) noexcept {
    memory::kernel_free(pointer);
}
void operator delete(void* pointer, size_t) noexcept {
    memory::kernel_free(pointer);
}
void operator delete[](void* pointer, size_t) noexcept {
    memory::kernel_free(pointer);
}
void operator delete(void* pointer, std::align_val_t) noexcept {
    memory::kernel_free(pointer);
}
void operator delete[](void* pointer, std::align_val_t) noexcept {
    memory::kernel_free(pointer);
}
void operator delete(void* pointer, size_t, std::align_val_t) noexcept {
    memory::kernel_free(pointer);
}
void operator delete[](void* pointer, size_t, std::align_val_t) noexcept {
    memory::kernel_free(pointer);
}

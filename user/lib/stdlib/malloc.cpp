// malloc, calloc, realloc and free: the heap allocator (heap_allocator.h) over the program
// break, behind the Heap library lock. Misuse that would corrupt the heap (freeing a pointer
// twice, or one malloc never returned) ends the program with a message instead.
#include "user/lib/internal/report.h"
#include "user/lib/pthread/library_lock.h"
#include "user/lib/stdlib/heap_allocator.h"
#include "user/lib/system/program_break.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

namespace {

void* grow_heap(size_t increment, void*) {
    return userlib::move_program_break(increment);
}

userlib::HeapAllocator g_heap(grow_heap, nullptr);

} // namespace

extern "C" {

void* malloc(size_t size) {
    userlib::LibraryLockGuard guard(userlib::LibraryLock::Heap);
    void* block = g_heap.allocate(size);
    if (!block)
        errno = ENOMEM;
    return block;
}

void* calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return nullptr;
    }
    void* block = malloc(count * size);
    if (block)
        memset(block, 0, count * size);
    return block;
}

void free(void* pointer) {
    if (!pointer)
        return;
    userlib::LibraryLockGuard guard(userlib::LibraryLock::Heap);
    if (g_heap.release(pointer) == userlib::ReleaseResult::NotAllocated)
        userlib::fatal_error("free(%p): not allocated by malloc, or freed already", pointer);
}

// realloc(p, 0) frees p and returns NULL, as the Linux C library does.
void* realloc(void* pointer, size_t size) {
    if (!pointer)
        return malloc(size);
    if (size == 0) {
        free(pointer);
        return nullptr;
    }
    userlib::LibraryLockGuard guard(userlib::LibraryLock::Heap);
    if (!g_heap.is_allocated(pointer))
        userlib::fatal_error("realloc(%p): not allocated by malloc, or freed already", pointer);
    void* block = g_heap.reallocate(pointer, size);
    if (!block)
        errno = ENOMEM;
    return block;
}

} // extern "C"

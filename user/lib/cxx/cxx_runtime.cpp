// What C++ programs need from a runtime beyond the C library: new and delete over malloc, and
// the hook for a call to a pure virtual function. Programs are built without exceptions, so a
// failed new ends the program with a message instead of throwing.
#include "user/lib/internal/report.h"
#include <stddef.h>
#include <stdlib.h>

namespace {

void* allocate_or_die(size_t size) {
    if (void* block = malloc(size))
        return block;
    userlib::fatal_error("operator new: out of memory (%zu bytes)", size);
}

} // namespace

void* operator new(size_t size) {
    return allocate_or_die(size);
}
void* operator new[](size_t size) {
    return allocate_or_die(size);
}
void operator delete(void* pointer) noexcept {
    free(pointer);
}
void operator delete[](void* pointer) noexcept {
    free(pointer);
}
void operator delete(void* pointer, size_t) noexcept {
    free(pointer);
}
void operator delete[](void* pointer, size_t) noexcept {
    free(pointer);
}

extern "C" [[noreturn]] void __cxa_pure_virtual() {
    userlib::fatal_error("pure virtual function called");
}

// See kernel_heap.h. The operators new and delete that use it are in new_delete.cpp.
#include "kernel/memory/kernel_heap.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/allocation_failure.h"
#include "kernel/memory/interrupts_off.h"
#include "kernel/memory/kernel_page_tables.h"
#include "kernel/memory/layout.h"
#include "libk/new.h"

namespace memory {
namespace {

#ifdef NDEBUG
constexpr HeapChecking KERNEL_HEAP_CHECKING = HeapChecking::Canaries;
#else
constexpr HeapChecking KERNEL_HEAP_CHECKING = HeapChecking::CanariesAndPoison;
#endif

// Backs the heap's range with frames mapped read-write in the kernel half.
class KernelHeapBacking final : public HeapBacking {
public:
    libk::ErrorOr<void> back(uintptr_t address, size_t size) override {
        for (size_t offset = 0; offset < size; offset += PAGE_SIZE) {
            libk::ErrorOr<void> mapped = map_new_kernel_page(address + offset);
            if (mapped.is_error()) {
                for (size_t undo = 0; undo < offset; undo += PAGE_SIZE)
                    free_kernel_page(address + undo);
                return mapped.error();
            }
        }
        return {};
    }

    void release(uintptr_t address, size_t size) override {
        for (size_t offset = 0; offset < size; offset += PAGE_SIZE)
            free_kernel_page(address + offset);
    }
};

KernelHeapBacking g_backing;
// Guarded by disabling interrupts. Constructed in initialize_kernel_heap.
alignas(Heap) uint8_t g_heap_storage[sizeof(Heap)];
Heap* g_heap = nullptr;

Heap& heap() {
    if (g_heap == nullptr)
        panic("the kernel heap was used before memory::initialize set it up");
    return *g_heap;
}

[[noreturn]] void report_misuse(libk::Error error) {
    HeapProblem problem = heap().last_problem();
    const char* kind = error == libk::Error::DoubleFree     ? "double free"
                       : error == libk::Error::NotAllocated ? "free of a non-heap pointer"
                                                            : "kernel heap corrupted";
    panic("%s: %s (at %#lx)", kind, problem.description,
          static_cast<unsigned long>(problem.address));
}

} // namespace

void initialize_kernel_heap() {
    g_heap = new (g_heap_storage)
        Heap(KERNEL_HEAP_BASE, KERNEL_HEAP_SIZE, g_backing, KERNEL_HEAP_CHECKING);
}

libk::ErrorOr<void*> kernel_allocate(size_t size, size_t alignment) {
    InterruptsOff interrupts_off;
    if (allocation_failure::should_fail())
        return libk::Error::OutOfMemory;
    libk::ErrorOr<void*> result = heap().allocate(size, alignment);
    if (result.is_error() && result.error() == libk::Error::HeapCorrupted)
        report_misuse(result.error());
    return result;
}

void kernel_free(void* pointer) {
    InterruptsOff interrupts_off;
    libk::ErrorOr<void> result = heap().free(pointer);
    if (result.is_error())
        report_misuse(result.error());
}

HeapStatistics kernel_heap_statistics() {
    InterruptsOff interrupts_off;
    return heap().statistics();
}

bool find_kernel_heap_problem(HeapProblem& problem) {
    InterruptsOff interrupts_off;
    if (!heap().check_all().is_error())
        return false;
    problem = heap().last_problem();
    return true;
}

void check_kernel_heap() {
    InterruptsOff interrupts_off;
    libk::ErrorOr<void> result = heap().check_all();
    if (result.is_error())
        report_misuse(result.error());
}

} // namespace memory

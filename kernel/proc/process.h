// Process: the unit of resource ownership. A process owns an address space (its memory), a
// handle table (its files, mutexes, semaphores, threads, shared memory), and its threads, which
// share all of it. Nothing of one process is reachable from another except what both opened on
// purpose by name (named semaphores and shared memory).
//
// The kernel itself is process 0: every kernel thread belongs to it, and it has no user half.
// User processes are made by spawn (spawn.h) and end as lifecycle.h describes.
//
// Locks: the address space, the memory regions and the break are protected by m_memory_lock
// (a mutex, held while user memory is copied, so another thread of the process cannot unmap a
// page in the middle of a copy). The family and life-cycle fields are protected by disabling
// interrupts, because Ctrl-C ends a process from an interrupt handler.
#pragma once

#include "kernel/memory/address_space.h"
#include "kernel/proc/handle_table.h"
#include "kernel/proc/kernel_object.h"
#include "kernel/proc/memory_regions.h"
#include "kernel/sync/mutex.h"
#include "kernel/sync/wait_queue.h"
#include "libk/intrusive_list.h"

using ProcessId = uint32_t;
class UserThread;
struct ProgramImage;

enum class ProcessState : uint8_t {
    Running, // its threads run (or it is being set up)
    Ending,  // its end is decided; its threads are stopping and its resources being returned
    Zombie,  // everything is returned; only the wait status is left for the parent
};
const char* to_string(ProcessState state);

class Process final : public KernelObject {
public:
    static constexpr ObjectKind KIND = ObjectKind::Process;
    static constexpr size_t NAME_SIZE = 32;

    // The kernel process: no address space of its own, the kernel's page directory.
    Process(ProcessId id, const char* name, uintptr_t page_directory_physical);
    // A user process, with a memory account of the default limit; its address space comes next
    // (set_address_space), made with that account.
    Process(ProcessId id, const char* name);
    ~Process() override;

    ProcessId id() const { return m_id; }
    const char* name() const { return m_name; }
    bool is_kernel() const { return m_id == 0; }
    // Physical address of the page directory, the value CR3 takes for this process's threads.
    uintptr_t page_directory_physical() const { return m_page_directory_physical; }

    // --- memory (m_memory_lock) --------------------------------------------------------------
    memory::AddressSpace& address_space() { return *m_address_space; }
    bool has_address_space() const { return m_address_space != nullptr; }
    // Hands the process its address space, which it owns from now on.
    void set_address_space(memory::AddressSpace* address_space);
    // Returns every frame and page table of the user half (teardown.h). No thread of the
    // process may run any more.
    void destroy_address_space();
    Mutex& memory_lock() { return m_memory_lock; }
    MemoryRegions& regions() { return m_regions; }

    // The copies of memory::AddressSpace, under the memory lock. BadAddress for a bad pointer.
    libk::ErrorOr<void> copy_from_user(void* destination, uintptr_t source, size_t size);
    libk::ErrorOr<void> copy_to_user(uintptr_t destination, const void* source, size_t size);
    libk::ErrorOr<size_t> copy_string_from_user(char* destination, uintptr_t source,
                                                size_t capacity);
    libk::ErrorOr<void> check_user_range(uintptr_t address, size_t size,
                                         memory::AddressSpace::Access access);

    // Maps `count` fresh zero-filled pages from `start`; all or nothing. Memory lock held.
    // OutOfMemory also when the pages would pass the memory limit or eat into the frames kept
    // for the kernel itself (frames.h), so that a program that takes all it can never starves
    // the kernel.
    libk::ErrorOr<void> map_new_pages(uintptr_t start, size_t count,
                                      memory::PagePermissions permissions);
    // Unmaps and frees the pages of [start, start + count pages) that are mapped. Memory lock held.
    void unmap_pages(uintptr_t start, size_t count);
    // Its own user pages mapped now (private program segments, heap, stacks, shared memory);
    // the shared pages of its program image are not counted (nor charged).
    uint32_t memory_pages() const { return m_memory_pages; }
    void count_pages(int32_t change) { m_memory_pages += change; }

    // The heap: [break_start, break_end). Memory lock.
    uintptr_t break_start() const { return m_break_start; }
    uintptr_t break_end() const { return m_break_end; }
    void set_break(uintptr_t start, uintptr_t end) {
        m_break_start = start;
        m_break_end = end;
    }

    // The program file in the initrd (its symbol table names functions in fault reports).
    const uint8_t* image() const { return m_image; }
    size_t image_size() const { return m_image_size; }
    void set_image(const uint8_t* image, size_t size) {
        m_image = image;
        m_image_size = size;
    }

    // The shared read-only segments of its program (program_images.h), mapped into the address
    // space by the loader; nullptr for a program loaded privately. The process holds one of the
    // image's users until its address space goes.
    ProgramImage* program_image() const { return m_program_image; }
    void set_program_image(ProgramImage* image) { m_program_image = image; }

    HandleTable& handles() { return m_handles; }

    // What the kernel has allocated for this process, and its limit (memory_account.h); nullptr
    // for the kernel process, whose allocations are the kernel's own.
    memory::MemoryAccount* memory_account() { return is_kernel() ? nullptr : &m_memory_account; }

    // --- family and life cycle (interrupts disabled; lifecycle.cpp changes them) --------------
    ProcessState state() const { return m_state; }
    void set_state(ProcessState state) { m_state = state; }
    // How it ended (a wait status, libk/abi/types.h); meaningful once it is Ending.
    int32_t wait_status() const { return m_wait_status; }
    void set_wait_status(int32_t status) { m_wait_status = status; }
    Process* parent() const { return m_parent; }
    void set_parent(Process* parent) { m_parent = parent; }

    // Its threads are in the list of all user threads (user_thread.h), its children in the list
    // of all processes (process_table.h). Here only the counts: threads not yet reaped
    // (lifecycle.h), and how many of those have not ended.
    uint32_t live_thread_count() const { return m_live_threads; }
    void set_live_thread_count(uint32_t count) { m_live_threads = count; }
    uint32_t thread_count() const { return m_thread_count; }
    void set_thread_count(uint32_t count) { m_thread_count = count; }

    // Threads of this process blocked in wait() for a child to end.
    WaitQueue& child_waiters() { return m_child_waiters; }

    // --- statistics ----------------------------------------------------------------------------
    // Times the CPU moved to this process from another one.
    uint32_t switches_in() const { return m_switches_in; }
    void count_switch_in() { ++m_switches_in; }
    // Timer ticks used by threads of this process that no longer exist.
    uint64_t ended_thread_ticks() const { return m_ended_thread_ticks; }
    void add_ended_thread_ticks(uint64_t ticks) { m_ended_thread_ticks += ticks; }

    // Link in the list of all processes (process_table.h).
    libk::ListNode<Process> m_all_processes_node;

private:
    // Takes the program image's pages out of the address space (keeping their frames, which are
    // the cache's) and gives up the process's use of the image.
    void unmap_program_image();

    ProcessId m_id;
    char m_name[NAME_SIZE];
    uintptr_t m_page_directory_physical;

    memory::AddressSpace* m_address_space = nullptr;
    Mutex m_memory_lock{"process memory"};
    MemoryRegions m_regions;
    uintptr_t m_break_start = 0;
    uintptr_t m_break_end = 0;
    uint32_t m_memory_pages = 0;
    const uint8_t* m_image = nullptr;
    size_t m_image_size = 0;
    ProgramImage* m_program_image = nullptr;

    HandleTable m_handles;
    memory::MemoryAccount m_memory_account;

    ProcessState m_state = ProcessState::Running;
    int32_t m_wait_status = 0;
    Process* m_parent = nullptr;
    uint32_t m_live_threads = 0;
    uint32_t m_thread_count = 0;
    WaitQueue m_child_waiters;

    uint32_t m_switches_in = 0;
    uint64_t m_ended_thread_ticks = 0;
};

using ProcessList = libk::IntrusiveList<Process, &Process::m_all_processes_node>;

// The process of all kernel threads; its page directory is the kernel's own.
Process& kernel_process();

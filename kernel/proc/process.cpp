// See process.h. The memory helpers are here; how a process starts and ends is in spawn.cpp and
// lifecycle.cpp.
#include "kernel/proc/process.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_page_tables.h"
#include "kernel/proc/program_images.h"
#include "kernel/proc/user_layout.h"
#include "libk/new.h"
#include "libk/string.h"

const char* to_string(ProcessState state) {
    switch (state) {
    case ProcessState::Running:
        return "running";
    case ProcessState::Ending:
        return "ending";
    case ProcessState::Zombie:
        return "zombie";
    }
    return "?";
}

Process::Process(ProcessId id, const char* name, uintptr_t page_directory_physical)
    : KernelObject(ObjectKind::Process), m_id(id),
      m_page_directory_physical(page_directory_physical),
      m_regions(user_layout::REGIONS_START, user_layout::REGIONS_END),
      m_memory_account(memory::default_memory_limit_pages()) {
    libk::copy_string(m_name, name, sizeof m_name);
}

Process::Process(ProcessId id, const char* name) : Process(id, name, uintptr_t{0}) {}

void Process::set_address_space(memory::AddressSpace* address_space) {
    m_address_space = address_space;
    m_page_directory_physical = address_space->directory();
}

Process::~Process() {
    // Normally the address space is gone long before (lifecycle.cpp returns it as soon as the
    // last thread has stopped); a process that never started still has it.
    unmap_program_image();
    delete m_address_space;
}

void Process::unmap_program_image() {
    if (m_program_image == nullptr)
        return;
    for (size_t index = 0; index < m_program_image->segment_count; ++index) {
        const SharedSegment& segment = m_program_image->segments[index];
        for (uint32_t page = 0; page < segment.page_count; ++page) {
            // A spawn that failed half-way may have mapped only some of them.
            (void)m_address_space->unmap_keeping_frame(segment.first_page +
                                                       page * memory::PAGE_SIZE);
        }
    }
    program_images::release(*m_program_image);
    m_program_image = nullptr;
}

void Process::destroy_address_space() {
    unmap_program_image();
    delete m_address_space;
    m_address_space = nullptr;
    m_memory_pages = 0;
}

libk::ErrorOr<void> Process::copy_from_user(void* destination, uintptr_t source, size_t size) {
    MutexLocker locker(m_memory_lock);
    return m_address_space->copy_from_user(destination, source, size);
}

libk::ErrorOr<void> Process::copy_to_user(uintptr_t destination, const void* source, size_t size) {
    MutexLocker locker(m_memory_lock);
    return m_address_space->copy_to_user(destination, source, size);
}

libk::ErrorOr<size_t> Process::copy_string_from_user(char* destination, uintptr_t source,
                                                     size_t capacity) {
    MutexLocker locker(m_memory_lock);
    return m_address_space->copy_string_from_user(destination, source, capacity);
}

libk::ErrorOr<void> Process::check_user_range(uintptr_t address, size_t size,
                                              memory::AddressSpace::Access access) {
    MutexLocker locker(m_memory_lock);
    return m_address_space->check_user_range(address, size, access);
}

libk::ErrorOr<void> Process::map_new_pages(uintptr_t start, size_t count,
                                           memory::PagePermissions permissions) {
    for (size_t index = 0; index < count; ++index) {
        libk::ErrorOr<void> mapped =
            m_address_space->allocate_page(start + index * memory::PAGE_SIZE, permissions);
        if (mapped.is_error()) {
            unmap_pages(start, index);
            return mapped.error();
        }
        ++m_memory_pages;
    }
    return {};
}

void Process::unmap_pages(uintptr_t start, size_t count) {
    for (size_t index = 0; index < count; ++index) {
        if (!m_address_space->unmap(start + index * memory::PAGE_SIZE).is_error())
            --m_memory_pages;
    }
}

Process& kernel_process() {
    // Made on first use, which is the scheduler's start, after the memory subsystem has built
    // the kernel's own page directory. Placed in static storage so that no destructor is
    // registered: the kernel process is never deleted, and keeps its first reference for good.
    alignas(Process) static uint8_t storage[sizeof(Process)];
    static Process* process =
        new (storage) Process(0, "kernel", memory::kernel_page_tables().directory());
    return *process;
}

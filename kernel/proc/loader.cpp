// See loader.h.
#include "kernel/proc/loader.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/program_images.h"
#include "kernel/proc/user_layout.h"
#include "libk/new.h"

namespace loader {
namespace {

using memory::PAGE_SIZE;
using user_layout::page_round_down;
using user_layout::page_round_up;

// Maps the frames of the image's segment at `first_page`, read-only: a write ends the process.
// Memory lock held.
libk::ErrorOr<void> map_shared_segment(Process& process, uintptr_t first_page) {
    const SharedSegment* shared = process.program_image()->segment_at(first_page);
    VERIFY(shared != nullptr);
    for (uint32_t page = 0; page < shared->page_count; ++page)
        TRY(process.address_space().map(first_page + page * PAGE_SIZE, shared->frames[page],
                                        memory::USER_READ_ONLY));
    return {};
}

libk::ErrorOr<void> load_segment(Process& process, const uint8_t* file,
                                 const elf::LoadSegment& segment) {
    uintptr_t first_page = page_round_down(segment.virtual_address);
    if (!segment.writable && process.program_image() != nullptr)
        return map_shared_segment(process, first_page);
    uintptr_t end = page_round_up(segment.virtual_address + segment.memory_size);
    // Writable while the bytes go in; read-only segments are protected afterwards.
    TRY(process.map_new_pages(first_page, (end - first_page) / PAGE_SIZE, memory::USER_READ_WRITE));
    TRY(process.address_space().copy_to_user(segment.virtual_address, file + segment.file_offset,
                                             segment.file_size));
    if (segment.writable)
        return {};
    for (uintptr_t page = first_page; page < end; page += PAGE_SIZE)
        TRY(process.address_space().protect(page, memory::USER_READ_ONLY));
    return {};
}

} // namespace

libk::ErrorOr<void> load_segments(Process& process, const uint8_t* file,
                                  const elf::Executable& executable) {
    if (executable.image_end > user_layout::HEAP_LIMIT)
        return libk::Error::NotExecutable;
    MutexLocker locker(process.memory_lock());
    for (size_t index = 0; index < executable.segment_count; ++index)
        TRY(load_segment(process, file, executable.segments[index]));
    process.set_break(executable.image_end, executable.image_end);
    return {};
}

libk::ErrorOr<uint32_t> build_main_stack(Process& process, const ProgramArguments& arguments) {
    MutexLocker locker(process.memory_lock());
    TRY(process.map_new_pages(user_layout::MAIN_STACK_BOTTOM,
                              user_layout::MAIN_STACK_SIZE / PAGE_SIZE, memory::USER_READ_WRITE));
    uint32_t top = user_layout::MAIN_STACK_TOP;
    size_t size = arguments.initial_stack_size(top);
    auto* image = new (std::nothrow) uint8_t[size];
    if (image == nullptr)
        return libk::Error::OutOfMemory;
    uint32_t esp = arguments.build_initial_stack(image, top);
    libk::ErrorOr<void> copied = process.address_space().copy_to_user(esp, image, size);
    delete[] image;
    TRY(copied);
    return esp;
}

} // namespace loader

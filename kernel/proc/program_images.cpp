// See program_images.h.
#include "kernel/proc/program_images.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/layout.h"
#include "kernel/proc/user_layout.h"
#include "kernel/sync/mutex.h"
#include "libk/new.h"

namespace program_images {
namespace {

using memory::PAGE_SIZE;
using memory::PhysicalAddress;

// The cache's state, protected by lock().
constinit libk::IntrusiveList<ProgramImage, &ProgramImage::m_cache_node> g_images;
uint32_t g_frames = 0;

Mutex& lock() {
    // Static storage without a registered destructor: the cache lives as long as the kernel.
    alignas(Mutex) static uint8_t storage[sizeof(Mutex)];
    static Mutex* mutex = new (storage) Mutex("program images");
    return *mutex;
}

// Frame lists after the record, in its frame.
constexpr size_t LIST_CAPACITY = (PAGE_SIZE - sizeof(ProgramImage)) / sizeof(PhysicalAddress);

void free_segment(SharedSegment& segment, uint32_t loaded_pages) {
    for (uint32_t page = 0; page < loaded_pages; ++page)
        memory::free_frame(segment.frames[page]);
}

void free_image(ProgramImage* image) {
    for (size_t index = 0; index < image->segment_count; ++index)
        free_segment(image->segments[index], image->segments[index].page_count);
    PhysicalAddress record = image->record_frame;
    image->~ProgramImage();
    memory::free_frame(record);
}

// Lock held.
uint32_t drop_unused_locked() {
    uint32_t freed = 0;
    for (ProgramImage* image = g_images.first(); image != nullptr;) {
        ProgramImage* next = g_images.next(*image);
        if (image->users == 0) {
            VERIFY(g_images.remove(*image));
            uint32_t pages = image->frame_count();
            free_image(image);
            g_frames -= pages;
            freed += pages;
        }
        image = next;
    }
    return freed;
}

// The frame for one page of `segment` (page `page` of it): zero, then the file's bytes that
// fall into it.
void fill_page(void* frame, const uint8_t* file, const elf::LoadSegment& segment,
               uintptr_t page_address) {
    memory::clear_page(frame);
    uintptr_t file_start = segment.virtual_address;
    uintptr_t file_end = segment.virtual_address + segment.file_size;
    uintptr_t from = page_address > file_start ? page_address : file_start;
    uintptr_t to = page_address + PAGE_SIZE < file_end ? page_address + PAGE_SIZE : file_end;
    if (from >= to)
        return;
    __builtin_memcpy(static_cast<uint8_t*>(frame) + (from - page_address),
                     file + segment.file_offset + (from - file_start), to - from);
}

// Lock held. All or nothing. `list` is where the segment's frames are written down.
libk::ErrorOr<void> load_segment(SharedSegment& shared, PhysicalAddress* list, const uint8_t* file,
                                 const elf::LoadSegment& segment) {
    shared.first_page = user_layout::page_round_down(segment.virtual_address);
    uintptr_t end = user_layout::page_round_up(segment.virtual_address + segment.memory_size);
    shared.page_count = static_cast<uint32_t>((end - shared.first_page) / PAGE_SIZE);
    shared.frames = list;
    for (uint32_t page = 0; page < shared.page_count; ++page) {
        libk::ErrorOr<PhysicalAddress> frame = memory::allocate_frame();
        if (frame.is_error()) {
            free_segment(shared, page);
            return frame.error();
        }
        shared.frames[page] = frame.value();
        fill_page(memory::physical_to_virtual(frame.value()), file, segment,
                  shared.first_page + page * PAGE_SIZE);
    }
    return {};
}

uint32_t read_only_pages(const elf::Executable& executable) {
    uint32_t pages = 0;
    for (size_t index = 0; index < executable.segment_count; ++index) {
        const elf::LoadSegment& segment = executable.segments[index];
        if (segment.writable)
            continue;
        uintptr_t first = user_layout::page_round_down(segment.virtual_address);
        uintptr_t end = user_layout::page_round_up(segment.virtual_address + segment.memory_size);
        pages += static_cast<uint32_t>((end - first) / PAGE_SIZE);
    }
    return pages;
}

// Lock held.
libk::ErrorOr<ProgramImage*> load(const uint8_t* file, const elf::Executable& executable) {
    uint32_t pages = read_only_pages(executable);
    if (pages > LIST_CAPACITY)
        return nullptr; // loaded privately
    // The frames are the kernel's, but taken because a program asked: the reserve stays for the
    // kernel, as for any allocation on a program's behalf.
    if (!memory::reserve_allows(pages + 1)) {
        drop_unused_locked();
        if (!memory::reserve_allows(pages + 1))
            return libk::Error::OutOfMemory;
    }
    PhysicalAddress record = TRY(memory::allocate_frame());
    auto* image = new (memory::physical_to_virtual(record)) ProgramImage;
    image->file = file;
    image->record_frame = record;
    auto* lists = reinterpret_cast<PhysicalAddress*>(image + 1);
    for (size_t index = 0; index < executable.segment_count; ++index) {
        const elf::LoadSegment& segment = executable.segments[index];
        if (segment.writable)
            continue;
        PhysicalAddress* list = lists + image->page_count();
        libk::ErrorOr<void> loaded =
            load_segment(image->segments[image->segment_count], list, file, segment);
        if (loaded.is_error()) {
            free_image(image);
            return loaded.error();
        }
        ++image->segment_count;
    }
    VERIFY(g_images.push_back(*image));
    g_frames += image->frame_count();
    return image;
}

} // namespace

libk::ErrorOr<ProgramImage*> acquire(const uint8_t* file, const elf::Executable& executable) {
    memory::set_frame_reclaimer(drop_unused);
    MutexLocker locker(lock());
    ProgramImage* found = nullptr;
    for (ProgramImage& image : g_images) {
        if (image.file == file) {
            found = &image;
            break;
        }
    }
    if (found == nullptr) {
        found = TRY(load(file, executable));
        if (found == nullptr)
            return nullptr;
    }
    ++found->users;
    return found;
}

void release(ProgramImage& image) {
    MutexLocker locker(lock());
    VERIFY(image.users > 0);
    --image.users;
}

uint32_t drop_unused() {
    MutexLocker locker(lock());
    return drop_unused_locked();
}

uint32_t frame_count() {
    MutexLocker locker(lock());
    return g_frames;
}

uint32_t unused_frame_count() {
    MutexLocker locker(lock());
    uint32_t frames = 0;
    for (ProgramImage& image : g_images) {
        if (image.users == 0)
            frames += image.frame_count();
    }
    return frames;
}

uint32_t image_count() {
    MutexLocker locker(lock());
    return static_cast<uint32_t>(g_images.size());
}

} // namespace program_images

uint32_t ProgramImage::page_count() const {
    uint32_t pages = 0;
    for (size_t index = 0; index < segment_count; ++index)
        pages += segments[index].page_count;
    return pages;
}

const SharedSegment* ProgramImage::segment_at(uintptr_t first_page) const {
    for (size_t index = 0; index < segment_count; ++index) {
        if (segments[index].first_page == first_page)
            return &segments[index];
    }
    return nullptr;
}

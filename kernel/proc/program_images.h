// The program-image cache: the read-only segments (code and constants) of each program in the
// initrd, loaded once into frames that every process running the program maps read-only, as a
// page cache lets real kernels share a program's text. Writable segments (data, .bss) stay
// private to each process: the loader copies them as before.
//
// Why: a spawn used to copy the program into fresh frames. Under QEMU's TCG, code is translated
// per physical frame, so every spawn translated the program's code again, and zeroing those
// frames once they were reused for something else went through QEMU's detection of
// self-modifying code, store by store (docs/performance.md has the measurements). Shared frames
// keep their translations from one run of a program to the next.
//
// Ownership and accounting (docs/memory.md): the frames are the kernel's, like the initrd they
// are copied from, and charged to no process; what they can take is bounded by the read-only
// segments of the programs in the initrd. An image stays after its last process has ended, so
// the next spawn of the program finds it; images that no process uses are given back when a
// program's allocation would otherwise reach the kernel's reserve (frames.h), and by
// drop_unused(), which the leak checks call before they count free frames. An image's record and
// its frame lists live in one more frame of its own, not on the kernel heap: a record there could
// keep the heap from giving a growth step back, which no leak check could tell from a leak.
//
// Only files of the initrd are cached (they never change or move); a program made in memory
// (kernel tests) is loaded privately. The cache's lock is a mutex: it is taken after a process's
// memory lock, never before, and never with interrupts disabled.
#pragma once

#include "kernel/memory/page_tables.h"
#include "kernel/proc/elf.h"
#include "libk/intrusive_list.h"

// One read-only segment's pages, in frames of the cache.
struct SharedSegment {
    uintptr_t first_page;
    uint32_t page_count;
    memory::PhysicalAddress* frames; // page_count frames, the segment's bytes, zero beyond them
};

// A program's read-only segments. Its fields change only under the cache's lock. It lives at the
// start of its record frame, followed by the segments' frame lists.
struct ProgramImage {
    const uint8_t* file = nullptr; // the ELF file in the initrd: the key
    memory::PhysicalAddress record_frame = 0;
    uint32_t users = 0; // processes that map it now
    SharedSegment segments[elf::MAX_LOAD_SEGMENTS] = {};
    size_t segment_count = 0;
    libk::ListNode<ProgramImage> m_cache_node;

    uint32_t page_count() const;
    // Frames it holds: its pages and the frame its record lives in.
    uint32_t frame_count() const { return page_count() + 1; }
    // The shared segment that starts at `first_page`, or nullptr.
    const SharedSegment* segment_at(uintptr_t first_page) const;
};

namespace program_images {

// The image of the initrd file `file` (a valid executable), loaded on first use, with one more
// user; nullptr (not an error) for a program whose read-only pages are too many for one record
// frame's lists (about 4 MiB), which is then loaded privately. OutOfMemory when its frames would
// reach into the kernel's reserve.
libk::ErrorOr<ProgramImage*> acquire(const uint8_t* file, const elf::Executable& executable);
// One user fewer; the image stays cached.
void release(ProgramImage& image);

// Gives back every image no process uses; returns the frames freed.
uint32_t drop_unused();

// Frames held by images, and by images that no process uses (what drop_unused would free).
uint32_t frame_count();
uint32_t unused_frame_count();
uint32_t image_count();

} // namespace program_images

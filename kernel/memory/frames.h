// The kernel's physical frame allocator: the one FrameAllocator (frame_allocator.h) that owns
// all usable RAM. Freeing a frame twice, or one it never handed out, is a kernel bug: it panics
// with the frame's address.
#pragma once

#include "kernel/memory/memory_map.h"

namespace memory {

// Sets the allocator up over `map` (adding its own bookkeeping to the reserved ranges). RAM
// above DIRECT_MAP_SIZE is left out: the kernel could not reach it.
void initialize_frames(MemoryMap& map);

// A free frame, or OutOfMemory. Its contents are whatever the last user left.
libk::ErrorOr<PhysicalAddress> allocate_frame();

void free_frame(PhysicalAddress frame);

uint32_t total_frame_count();
uint32_t free_frame_count();

} // namespace memory

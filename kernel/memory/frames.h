// The kernel's physical frame allocator: the one FrameAllocator (frame_allocator.h) that owns
// all usable RAM. Freeing a frame twice, or one it never handed out, is a kernel bug: it panics
// with the frame's address.
//
// Two kinds of allocation: the kernel's own (its tables, its heap, its threads), which may take
// the last free frame, and those made on behalf of a program, which are charged to the
// program's MemoryAccount and may not take the last FRAMES_RESERVED_FOR_THE_KERNEL frames. So a
// program that takes everything it can leaves the kernel enough to go on working, to end that
// program, and to give everything back (docs/memory.md).
#pragma once

#include "kernel/memory/memory_account.h"
#include "kernel/memory/memory_map.h"

namespace memory {

// Sets the allocator up over `map` (adding its own bookkeeping to the reserved ranges). RAM
// above DIRECT_MAP_SIZE is left out: the kernel could not reach it.
void initialize_frames(MemoryMap& map);

// Free frames that allocations on behalf of programs leave alone (1 MiB).
constexpr uint32_t FRAMES_RESERVED_FOR_THE_KERNEL = 256;

// A free frame for the kernel itself, or OutOfMemory. Its contents are whatever the last user
// left.
libk::ErrorOr<PhysicalAddress> allocate_frame();

// A free frame on behalf of the program that owns `account`, charged to it. OutOfMemory when
// the charge would pass the account's limit, or when fewer than the reserve would stay free.
libk::ErrorOr<PhysicalAddress> allocate_frame(MemoryAccount& account);

void free_frame(PhysicalAddress frame);
// Frees a frame allocated with `account` and takes its charge back.
void free_frame(PhysicalAddress frame, MemoryAccount& account);

// True when `count` more frames could go to programs now without touching the reserve (a
// check before work whose frames come later, such as a heap block that may grow the heap).
bool reserve_allows(uint32_t count);

// Something that can give frames back at once when a program's allocation would reach the
// reserve (the program-image cache's unused images); it returns how many it freed. It is called
// only with interrupts enabled, from allocate_frame(MemoryAccount&), which then tries again.
void set_frame_reclaimer(uint32_t (*reclaim)());

uint32_t total_frame_count();
uint32_t free_frame_count();
// The lowest number of free frames since boot (or since reset_lowest_free_frame_count).
uint32_t lowest_free_frame_count();
void reset_lowest_free_frame_count();

} // namespace memory

// Reading the fields of boot information (multiboot1.cpp, multiboot2.cpp). The structures are
// not promised to be aligned for every field, so fields are read through memcpy: no read depends
// on the type or the alignment of the bytes behind it.
#pragma once

#include "libk/types.h"

namespace boot_info {

inline uint32_t read_u32(const uint8_t* at) {
    uint32_t value;
    __builtin_memcpy(&value, at, sizeof value);
    return value;
}

inline uint64_t read_u64(const uint8_t* at) {
    uint64_t value;
    __builtin_memcpy(&value, at, sizeof value);
    return value;
}

} // namespace boot_info

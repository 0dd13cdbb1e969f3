// The number by which the scheduling trace names a mutex or a semaphore ("mutex:3"). An object
// gets it on its first traced event, together with an object_name line that carries its name,
// so objects that are never traced cost nothing but this field.
#pragma once

#include "libk/types.h"

namespace trace {

struct ObjectNumber {
    uint32_t value = 0; // 0: not numbered yet
};

} // namespace trace

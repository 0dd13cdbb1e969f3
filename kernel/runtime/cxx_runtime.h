// C++ runtime support for the freestanding kernel (see cxx_runtime.cpp).
#pragma once

#include "libk/types.h"

namespace runtime {

// Runs every global object's constructor, in link order. kernel_main calls it first.
void run_global_constructors();

} // namespace runtime

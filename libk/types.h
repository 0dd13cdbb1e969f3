// Fixed-width integer types and size_t for code that must build freestanding (kernel, user space)
// and hosted (GoogleTest). Compilers ship these headers even without a C library.
#pragma once

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

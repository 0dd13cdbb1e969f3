// QEMU's firmware configuration device (fw_cfg): a few I/O ports through which the emulator hands
// the guest named blobs ("files") given on its own command line, e.g.
//     qemu-system-i386 ... -fw_cfg name=opt/teaching-kernel/command-line,string="test=all"
// The test runner uses it to pass kernel command-line words to one ISO built once, instead of
// building an ISO per test (docs/user-tests.md). On a machine without the device nothing is found.
#pragma once

#include "libk/types.h"

namespace arch::firmware_config {

// What read_file returns when the file exists but does not fit (nothing is copied).
constexpr int FILE_TOO_LARGE = -2;

// Copies the file `name` into `buffer` and NUL-terminates it; returns its length, -1 when there
// is no fw_cfg device or no such file, or FILE_TOO_LARGE when it does not fit in `capacity - 1`
// bytes.
int read_file(const char* name, char* buffer, size_t capacity);

} // namespace arch::firmware_config

// The three standard streams as C sees them (FILE) and what the rest of the library needs from
// them. A FILE is an output or an input stream plus the library lock that serializes calls on it.
#pragma once

#include "user/lib/pthread/library_lock.h"
#include "user/lib/stdio/output_stream.h"

struct __file {
    userlib::LibraryLock lock;
    userlib::OutputStream* output; // stdout, stderr
    userlib::InputStream* input;   // stdin
};

namespace userlib {

// Writes out stdout and stderr (exit, abort paths, before reading stdin).
void flush_all_streams();

} // namespace userlib

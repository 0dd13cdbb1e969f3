// See debugger_checkpoint.h.
#include "tests/kernel/debugger_checkpoint.h"

namespace {
// Written on every call, so the compiler keeps the call and the function body; gdb can print
// the last checkpoint's name from here too.
const char* volatile g_last_checkpoint;
} // namespace

extern "C" [[gnu::noinline]] void debugger_checkpoint(const char* what) {
    g_last_checkpoint = what;
}

// A place for gdb to stop in the kernel tests that exist for the gdb tests (tests/gdb/): the
// test builds a situation (a mapping, threads waiting on a mutex), prints what it made, and calls
// debugger_checkpoint; the gdb test breaks there and checks that the gdb extension
// (tools/gdb/) shows the same. Run without gdb, a checkpoint is an ordinary call that returns.
#pragma once

// `what` names the situation, so a gdb test can tell checkpoints apart ("print what").
extern "C" void debugger_checkpoint(const char* what);

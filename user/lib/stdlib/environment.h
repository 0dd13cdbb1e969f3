// The environment the program started with (libk/abi/program_start.h: always empty for now,
// but getenv reads whatever the kernel passes).
#pragma once

namespace userlib {
void set_environment(char** environment);
char** environment();
} // namespace userlib

// getenv over the environment vector the kernel passed (see environment.h).
#include "user/lib/stdlib/environment.h"
#include <stdlib.h>
#include <string.h>

namespace {
char** g_environment = nullptr;
} // namespace

namespace userlib {
void set_environment(char** environment) {
    g_environment = environment;
}
char** environment() {
    return g_environment;
}
} // namespace userlib

extern "C" char* getenv(const char* name) {
    if (!g_environment || !name)
        return nullptr;
    size_t length = strlen(name);
    for (char** entry = g_environment; *entry; ++entry) {
        if (strncmp(*entry, name, length) == 0 && (*entry)[length] == '=')
            return *entry + length + 1;
    }
    return nullptr;
}

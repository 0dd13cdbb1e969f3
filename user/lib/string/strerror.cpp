// strerror: the message of an error number, from the table the kernel's log uses too.
#include "libk/abi/error_messages.h"
#include "libk/format.h"
#include <string.h>

extern "C" char* strerror(int error_number) {
    if (const char* message = abi::error_message(error_number))
        return const_cast<char*>(message);
    // Like other C libraries: a text for unknown numbers (in a static buffer, as C allows).
    static char unknown[32];
    libk::format_buffer(unknown, sizeof unknown, "Unknown error %d", error_number);
    return unknown;
}

// Names and messages of the error numbers in libk/abi/errors.h: strerror() and perror() in user
// space, and kernel log lines ("spawn /bin/x: ENOEXEC") use the same table.
#pragma once

namespace abi {

// "EFAULT" for EFAULT; nullptr for a number that has no name.
const char* error_name(int error_number);

// "Bad address" for EFAULT; nullptr for a number that has no message.
const char* error_message(int error_number);

} // namespace abi

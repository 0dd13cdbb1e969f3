// The table behind error_name and error_message. The messages are the customary ones of POSIX
// systems, so output can be compared with Linux line for line.
#include "libk/abi/error_messages.h"
#include "libk/abi/errors.h"

namespace abi {
namespace {

struct ErrorDescription {
    int number;
    const char* name;
    const char* message;
};

constexpr ErrorDescription ERROR_DESCRIPTIONS[] = {
    {EPERM, "EPERM", "Operation not permitted"},
    {ENOENT, "ENOENT", "No such file or directory"},
    {ESRCH, "ESRCH", "No such process"},
    {EINTR, "EINTR", "Interrupted system call"},
    {EIO, "EIO", "Input/output error"},
    {ENXIO, "ENXIO", "No such device or address"},
    {E2BIG, "E2BIG", "Argument list too long"},
    {ENOEXEC, "ENOEXEC", "Exec format error"},
    {EBADF, "EBADF", "Bad file descriptor"},
    {ECHILD, "ECHILD", "No child processes"},
    {EAGAIN, "EAGAIN", "Resource temporarily unavailable"},
    {ENOMEM, "ENOMEM", "Cannot allocate memory"},
    {EACCES, "EACCES", "Permission denied"},
    {EFAULT, "EFAULT", "Bad address"},
    {EBUSY, "EBUSY", "Device or resource busy"},
    {EEXIST, "EEXIST", "File exists"},
    {ENODEV, "ENODEV", "No such device"},
    {ENOTDIR, "ENOTDIR", "Not a directory"},
    {EISDIR, "EISDIR", "Is a directory"},
    {EINVAL, "EINVAL", "Invalid argument"},
    {ENFILE, "ENFILE", "Too many open files in system"},
    {EMFILE, "EMFILE", "Too many open files"},
    {ENOTTY, "ENOTTY", "Inappropriate ioctl for device"},
    {EFBIG, "EFBIG", "File too large"},
    {ENOSPC, "ENOSPC", "No space left on device"},
    {ESPIPE, "ESPIPE", "Illegal seek"},
    {EROFS, "EROFS", "Read-only file system"},
    {EPIPE, "EPIPE", "Broken pipe"},
    {EDOM, "EDOM", "Numerical argument out of domain"},
    {ERANGE, "ERANGE", "Numerical result out of range"},
    {EDEADLK, "EDEADLK", "Resource deadlock avoided"},
    {ENAMETOOLONG, "ENAMETOOLONG", "File name too long"},
    {ENOSYS, "ENOSYS", "Function not implemented"},
    {ELOOP, "ELOOP", "Too many levels of symbolic links"},
    {EOVERFLOW, "EOVERFLOW", "Value too large for defined data type"},
    {EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported"},
    {ETIMEDOUT, "ETIMEDOUT", "Connection timed out"},
};

const ErrorDescription* find(int error_number) {
    for (const ErrorDescription& description : ERROR_DESCRIPTIONS) {
        if (description.number == error_number)
            return &description;
    }
    return nullptr;
}

} // namespace

const char* error_name(int error_number) {
    const ErrorDescription* description = find(error_number);
    return description ? description->name : nullptr;
}

const char* error_message(int error_number) {
    const ErrorDescription* description = find(error_number);
    return description ? description->message : nullptr;
}

} // namespace abi

// Handles and files: write, read, open, close, stat (libk/abi/system_calls.h has the contracts).
// Reading and writing go to the object behind the handle: the console, or an initrd file.
#include "kernel/proc/file_object.h"
#include "kernel/proc/initrd.h"
#include "kernel/proc/teardown.h"
#include "kernel/syscall/calls.h"
#include "libk/abi/types.h"
#include "libk/new.h"

namespace system_call {
namespace {

// The object for a read or a write. A handle not open for that direction is EBADF, as a file
// descriptor opened the other way is on Linux.
libk::ErrorOr<Ref<KernelObject>> stream(uint32_t handle, HandleAccess access) {
    libk::ErrorOr<Ref<KernelObject>> object =
        current_process().handles().get(static_cast<int>(handle), access);
    if (object.is_error() && object.error() == libk::Error::AccessDenied)
        return libk::Error::BadHandle;
    return object;
}

// A stream refuses the other direction with ReadOnly (files) or WrongKind (not a stream).
Result transferred(libk::ErrorOr<size_t> result) {
    if (result.is_error() && result.error() == libk::Error::ReadOnly)
        return libk::Error::BadHandle;
    return result.is_error() ? Result(result.error())
                             : Result(static_cast<uint32_t>(result.value()));
}

constexpr uint32_t KNOWN_OPEN_FLAGS = ABI_O_ACCESS_MODE | ABI_O_CREAT | ABI_O_EXCL | ABI_O_TRUNC;

} // namespace

Result write(uint32_t handle, uint32_t buffer, uint32_t count) {
    Ref<KernelObject> object = TRY(stream(handle, HandleAccess::Write));
    return transferred(object->write(current_process(), buffer, count));
}

Result read(uint32_t handle, uint32_t buffer, uint32_t count) {
    Ref<KernelObject> object = TRY(stream(handle, HandleAccess::Read));
    // The whole buffer the caller names, not only the bytes a file still has: a range that runs
    // into unmapped memory or the kernel's half is refused before anything is written.
    TRY(current_process().check_user_range(buffer, count, memory::AddressSpace::Access::Write));
    return transferred(object->read(current_process(), buffer, count));
}

Result open(uint32_t path_address, uint32_t flags) {
    if ((flags & ~KNOWN_OPEN_FLAGS) != 0 || (flags & ABI_O_ACCESS_MODE) == ABI_O_ACCESS_MODE)
        return libk::Error::InvalidArgument;
    char path[ABI_PATH_MAX];
    TRY(copy_string(path, path_address, sizeof path));
    if ((flags & ABI_O_ACCESS_MODE) != ABI_O_RDONLY || (flags & ABI_O_TRUNC))
        return libk::Error::ReadOnly;
    libk::ErrorOr<initrd::File> file = initrd::find(path);
    if (file.is_error())
        return (flags & ABI_O_CREAT) ? libk::Error::ReadOnly : file.error();
    if ((flags & ABI_O_CREAT) && (flags & ABI_O_EXCL))
        return libk::Error::AlreadyExists;
    if (file.value().is_directory)
        return libk::Error::IsDirectory;
    FileObject* object =
        TRY(make_charged<FileObject>(current_process(), file.value().data, file.value().size));
    int handle =
        TRY(current_process().handles().add(Ref<KernelObject>::adopt(object), HandleAccess::Read));
    return static_cast<uint32_t>(handle);
}

Result close(uint32_t handle) {
    TRY(close_handle(current_process(), static_cast<int>(handle)));
    return 0;
}

Result stat(uint32_t path_address, uint32_t status) {
    char path[ABI_PATH_MAX];
    TRY(copy_string(path, path_address, sizeof path));
    initrd::File file = TRY(initrd::find(path));
    abi_stat value{};
    value.mode = (file.is_directory ? ABI_S_IFDIR : ABI_S_IFREG) | 0555;
    value.size = static_cast<uint32_t>(file.size);
    TRY(current_process().copy_to_user(status, &value, sizeof value));
    return 0;
}

} // namespace system_call

// Memory: brk, mmap, munmap, ftruncate, copy_memory (libk/abi/system_calls.h has the contracts).
// Only shared-memory objects can be mapped; the heap grows and shrinks through brk.
#include "kernel/proc/shared_memory.h"
#include "kernel/proc/user_layout.h"
#include "kernel/proc/user_memory.h"
#include "kernel/syscall/calls.h"
#include "libk/abi/types.h"

namespace system_call {
namespace {

using memory::PAGE_SIZE;

constexpr uint32_t KNOWN_MAP_FLAGS = ABI_MAP_SHARED | ABI_MAP_FIXED;
constexpr uint32_t KNOWN_PROTECTION = ABI_PROT_READ | ABI_PROT_WRITE | ABI_PROT_EXEC;

// The checks that need nothing but the request itself.
libk::ErrorOr<void> check_request(const abi_mmap_request& request) {
    if (request.length == 0 || request.length > memory::USER_END)
        return libk::Error::InvalidArgument;
    if ((request.flags & ~KNOWN_MAP_FLAGS) != 0 || !(request.flags & ABI_MAP_SHARED))
        return libk::Error::InvalidArgument;
    if ((request.protection & ~KNOWN_PROTECTION) != 0 || request.offset % PAGE_SIZE != 0)
        return libk::Error::InvalidArgument;
    if ((request.flags & ABI_MAP_FIXED) && request.address % PAGE_SIZE != 0)
        return libk::Error::InvalidArgument;
    return {};
}

libk::ErrorOr<Ref<SharedMemory>> shared_memory_of(int handle, HandleAccess access) {
    libk::ErrorOr<Ref<SharedMemory>> object =
        current_process().handles().get<SharedMemory>(handle, access);
    if (object.is_error() && object.error() == libk::Error::WrongKind)
        return libk::Error::NotMappable;
    return object;
}

} // namespace

Result brk(uint32_t address) {
    return user_memory::set_break(current_process(), address);
}

Result mmap(uint32_t request_address) {
    Process& process = current_process();
    abi_mmap_request request;
    TRY(process.copy_from_user(&request, request_address, sizeof request));
    TRY(check_request(request));
    Ref<SharedMemory> object = TRY(shared_memory_of(request.handle, HandleAccess::Read));
    bool writable = (request.protection & ABI_PROT_WRITE) != 0;
    HandleAccess access = TRY(process.handles().access_of(request.handle));
    if (writable && access != HandleAccess::ReadWrite)
        return libk::Error::AccessDenied;
    bool fixed = (request.flags & ABI_MAP_FIXED) != 0;
    // Without MAP_FIXED the address is only a hint: an unaligned one is rounded up to a page
    // (to 0, "the kernel chooses", if that wraps), and map_shared goes elsewhere if it is taken.
    uint32_t where = fixed ? request.address : user_layout::page_round_up(request.address);
    user_memory::SharedMapping mapping{request.offset, user_layout::page_round_up(request.length),
                                       writable, where, fixed};
    libk::ErrorOr<uintptr_t> address = user_memory::map_shared(process, *object, mapping);
    if (address.is_error() && address.error() == libk::Error::BadAddress)
        return libk::Error::OutOfMemory; // the fixed address is not free
    return address;
}

Result munmap(uint32_t address, uint32_t length) {
    if (address % PAGE_SIZE != 0 || length == 0 || address < memory::USER_START ||
        address >= memory::USER_END || length > memory::USER_END - address)
        return libk::Error::InvalidArgument;
    TRY(user_memory::unmap_range(current_process(), address, user_layout::page_round_up(length)));
    return 0;
}

Result ftruncate(uint32_t handle, uint32_t length) {
    libk::ErrorOr<Ref<SharedMemory>> object = current_process().handles().get<SharedMemory>(
        static_cast<int>(handle), HandleAccess::ReadWrite);
    if (object.is_error()) {
        libk::Error error = object.error();
        return error == libk::Error::BadHandle ? error : libk::Error::InvalidArgument;
    }
    MutexLocker locker(object.value()->lock());
    TRY(object.value()->resize(length));
    return 0;
}

Result copy_memory(uint32_t destination, uint32_t source, uint32_t count) {
    if (count > ABI_COPY_MEMORY_MAX)
        return libk::Error::InvalidArgument;
    if (count == 0)
        return 0;
    Process& process = current_process();
    // The destination is checked before anything is read, so that a bad one writes nothing;
    // the buffer makes overlapping ranges come out as memmove would.
    TRY(process.check_user_range(destination, count, memory::AddressSpace::Access::Write));
    uint8_t bytes[ABI_COPY_MEMORY_MAX];
    TRY(process.copy_from_user(bytes, source, count));
    TRY(process.copy_to_user(destination, bytes, count));
    return 0;
}

} // namespace system_call

// AddressSpace's copies to and from user memory (see address_space.h). Each user page is
// looked up in the page tables and reached through the direct map, so a bad user pointer is
// found by the lookup and reported, and the kernel never takes a page fault on it.
#include "kernel/memory/address_space.h"
#include "kernel/memory/layout.h"

namespace memory {

libk::ErrorOr<uint8_t*> AddressSpace::user_byte(uintptr_t user, Access access) const {
    if (user < USER_START || user >= USER_END)
        return libk::Error::BadAddress;
    auto translation = m_tables.translate(user);
    if (translation.is_error())
        return libk::Error::BadAddress;
    PagePermissions permissions = translation.value().permissions;
    if (permissions.owner != PageOwner::User)
        return libk::Error::BadAddress;
    if (access == Access::Write && permissions.access != PageAccess::ReadWrite)
        return libk::Error::BadAddress;
    auto* frame = static_cast<uint8_t*>(physical_to_virtual(translation.value().frame));
    return frame + user % PAGE_SIZE;
}

// Checks every page of [user, user + size) before anything is copied, so a copy either
// happens whole or not at all.
libk::ErrorOr<void> AddressSpace::check_user_range(uintptr_t user, size_t size,
                                                   Access access) const {
    if (size == 0)
        return {};
    if (user + size < user || user + size > USER_END)
        return libk::Error::BadAddress; // wraps around, or reaches into the kernel half
    uintptr_t last = user + size - 1;
    for (uintptr_t page = user & ~(PAGE_SIZE - 1); page <= last; page += PAGE_SIZE)
        TRY(user_byte(page < user ? user : page, access));
    return {};
}

libk::ErrorOr<void> AddressSpace::copy_from_user(void* destination, uintptr_t user_source,
                                                 size_t size) const {
    TRY(check_user_range(user_source, size, Access::Read));
    auto* to = static_cast<uint8_t*>(destination);
    while (size > 0) {
        uint8_t* from = TRY(user_byte(user_source, Access::Read));
        size_t chunk = PAGE_SIZE - user_source % PAGE_SIZE;
        chunk = chunk < size ? chunk : size;
        __builtin_memcpy(to, from, chunk);
        to += chunk;
        user_source += chunk;
        size -= chunk;
    }
    return {};
}

libk::ErrorOr<void> AddressSpace::copy_to_user(uintptr_t user_destination, const void* source,
                                               size_t size) {
    TRY(check_user_range(user_destination, size, Access::Write));
    auto* from = static_cast<const uint8_t*>(source);
    while (size > 0) {
        uint8_t* to = TRY(user_byte(user_destination, Access::Write));
        size_t chunk = PAGE_SIZE - user_destination % PAGE_SIZE;
        chunk = chunk < size ? chunk : size;
        __builtin_memcpy(to, from, chunk);
        from += chunk;
        user_destination += chunk;
        size -= chunk;
    }
    return {};
}

libk::ErrorOr<size_t> AddressSpace::copy_string_from_user(char* destination, uintptr_t user_source,
                                                          size_t capacity) const {
    if (capacity == 0)
        return libk::Error::InvalidArgument;
    size_t length = 0;
    while (length < capacity - 1) {
        uintptr_t address = user_source + length;
        const uint8_t* bytes = TRY(user_byte(address, Access::Read));
        size_t left_in_page = PAGE_SIZE - address % PAGE_SIZE;
        for (size_t i = 0; i < left_in_page && length < capacity - 1; ++i, ++length) {
            destination[length] = static_cast<char>(bytes[i]);
            if (bytes[i] == 0)
                return length;
        }
    }
    destination[capacity - 1] = 0;
    return libk::Error::TooLong;
}

} // namespace memory

// HandleTable: a process's open handles. A handle is a small number (like a file descriptor)
// naming one reference to a kernel object, with the access it was opened for. Numbers are
// per process: the same number in another process is another object or nothing, which is how
// the table keeps processes from reaching each other's objects.
//
// The table is shared by the threads of its process, so every operation locks it; get() returns
// a reference of its own, so the object stays valid for the caller even if another thread
// closes the handle at the same moment.
#pragma once

#include "kernel/proc/kernel_object.h"
#include "kernel/sync/spinlock.h"
#include "libk/abi/types.h"

// What a handle allows. Objects that are not byte streams (mutexes, threads) ignore it: their
// operations ask for Any.
enum class HandleAccess : uint8_t { Any = 0, Read = 1, Write = 2, ReadWrite = 3 };

class HandleTable {
public:
    // Handles per process; one more open is TooManyHandles (EMFILE).
    static constexpr int CAPACITY = ABI_HANDLE_MAX;

    HandleTable() = default;
    ~HandleTable();
    HandleTable(const HandleTable&) = delete;
    HandleTable& operator=(const HandleTable&) = delete;

    // Stores the reference in the lowest free slot and returns its number; TooManyHandles when
    // the table is full (the reference is then released).
    libk::ErrorOr<int> add(Ref<KernelObject> object, HandleAccess access);

    // A new reference to the object behind `handle`: BadHandle when no such handle is open,
    // AccessDenied when it was not opened for `needed` (a write on the console's input handle).
    libk::ErrorOr<Ref<KernelObject>> get(int handle, HandleAccess needed = HandleAccess::Any);

    // The same, for an operation that needs one kind of object: WrongKind for any other (which
    // is checked before the access).
    template <typename T>
    libk::ErrorOr<Ref<T>> get(int handle, HandleAccess needed = HandleAccess::Any) {
        Ref<KernelObject> object = TRY(get(handle, HandleAccess::Any));
        if (object->kind() != T::KIND)
            return libk::Error::WrongKind;
        if (needed != HandleAccess::Any && !allows(TRY(access_of(handle)), needed))
            return libk::Error::AccessDenied;
        return Ref<T>::adopt(static_cast<T*>(object.leak()));
    }

    // True when a handle opened with `granted` allows `needed`.
    static bool allows(HandleAccess granted, HandleAccess needed);

    // The access a handle was opened with, or BadHandle.
    libk::ErrorOr<HandleAccess> access_of(int handle);

    // True when `handle` is open and names `object` (a blocked call checks that its handle was
    // not closed on the way, blocking.h).
    bool names(int handle, const KernelObject& object);

    // Empties the slot and hands its reference to the caller (who tells the object and releases
    // it). BadHandle when it is not open.
    libk::ErrorOr<Ref<KernelObject>> remove(int handle);

    // Open handles now.
    int count();

    // For the kernel's self-check, with interrupts disabled: nullptr when the count matches the
    // open slots and every object behind them is referenced and keeps its own rules, otherwise
    // what is broken; `culprit` is the handle (-1 for the table as a whole).
    const char* find_inconsistency(int& culprit);

private:
    struct Slot {
        KernelObject* object = nullptr; // one reference, owned by the slot
        HandleAccess access = HandleAccess::Read;
    };

    Spinlock m_lock{"handle table"}; // protects m_slots and m_count
    Slot m_slots[CAPACITY];
    int m_count = 0;
};

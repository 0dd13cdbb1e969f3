// KernelObject: anything a process can hold a handle to (a thread, a mutex, a semaphore, an open
// file, the console, a shared-memory object). Objects are reference-counted: every handle, and
// every piece of kernel code using the object for a while, holds one reference, and the object
// is deleted when the last one is released. That is what lets a thread keep using a semaphore
// while another thread closes the handle, and a named semaphore outlive the process that made it.
//
//     Ref<UserMutex> mutex = TRY(process.handles().get<UserMutex>(handle));
//     mutex->lock(...);            // the reference keeps it alive until `mutex` goes out of scope
#pragma once

#include "libk/error_or.h"
#include "libk/new.h"
#include "libk/utility.h"

class Process;

enum class ObjectKind : uint8_t {
    Console,
    File,
    Thread,
    Process,
    Mutex,
    Semaphore,
    SharedMemory,
    Capture, // an in-kernel byte sink that kernel tests give programs as their output
};
const char* to_string(ObjectKind kind);

class KernelObject {
public:
    KernelObject(const KernelObject&) = delete;
    KernelObject& operator=(const KernelObject&) = delete;

    ObjectKind kind() const { return m_kind; }

    // Reference counting. The count starts at 1 (the creator's reference). release() deletes the
    // object when it drops to 0; objects that are never deleted (the console, the kernel
    // process) keep a reference of their own for good.
    void add_reference();
    void release();
    uint32_t reference_count() const { return __atomic_load_n(&m_references, __ATOMIC_RELAXED); }

    // Byte streams (the console, files). `caller` is the process whose memory holds `buffer`.
    // Objects that are not streams refuse with WrongKind.
    virtual libk::ErrorOr<size_t> read(Process& caller, uintptr_t buffer, size_t count);
    virtual libk::ErrorOr<size_t> write(Process& caller, uintptr_t buffer, size_t count);

    // A handle of `owner` to this object is being closed (explicitly, or because `owner` ends).
    // A mutex uses it to release itself if a thread of the closing process holds it.
    virtual void handle_closed(Process& owner);

    // Charges `bytes` of kernel heap (the object's size, and what it allocates for itself) to
    // the memory account of `process`, which made the object; the charge goes back when the
    // object is deleted, even if that process has ended long before: the object keeps a
    // reference to it. OutOfMemory past the process's limit (memory_account.h). Nothing is
    // charged for the kernel process. Called once per object; never for a Process itself.
    libk::ErrorOr<void> charge_to(Process& process, size_t bytes);
    // Changes the charge of an object already charged (a shared-memory object's frame array).
    libk::ErrorOr<void> charge_more(size_t bytes);
    void uncharge(size_t bytes);

    // For the kernel's self-check, with interrupts disabled: nullptr when the object keeps its
    // own rules (a mutex with waiters has an owner, ...), otherwise what is broken. Objects with
    // no rules to check keep the default.
    virtual const char* find_inconsistency() const { return nullptr; }

protected:
    // Every concrete class also says `static constexpr ObjectKind KIND = ...;`, which is how
    // HandleTable::get<T> checks the kind of what a handle names.
    explicit KernelObject(ObjectKind kind) : m_kind(kind) {}
    virtual ~KernelObject();

    // The process the object is charged to, or nullptr.
    Process* charged_process() const { return m_charged_process; }

private:
    ObjectKind m_kind;
    uint32_t m_references = 1;
    Process* m_charged_process = nullptr; // one reference, held while the charge lasts
    size_t m_charged_bytes = 0;
};

// A new object made for `process` and charged to it by its size (KernelObject::charge_to), with
// its creation reference: OutOfMemory when the heap is out or the process's limit is reached.
template <typename T, typename... Arguments>
libk::ErrorOr<T*> make_charged(Process& process, Arguments&&... arguments) {
    T* object = new (std::nothrow) T(libk::forward<Arguments>(arguments)...);
    if (object == nullptr)
        return libk::Error::OutOfMemory;
    libk::ErrorOr<void> charged = object->charge_to(process, sizeof(T));
    if (charged.is_error()) {
        object->release();
        return charged.error();
    }
    return object;
}

// One reference to an object, released when the Ref goes away. Moving passes the reference on.
template <typename T>
class Ref {
public:
    Ref() = default;
    // Takes over a reference the caller already holds (a fresh object, or one from add_reference).
    static Ref adopt(T* object) {
        Ref ref;
        ref.m_object = object;
        return ref;
    }
    // Takes a new reference of its own.
    static Ref share(T& object) {
        object.add_reference();
        return adopt(&object);
    }
    Ref(Ref&& other) : m_object(other.m_object) { other.m_object = nullptr; }
    Ref& operator=(Ref&& other) {
        if (this != &other) {
            reset();
            m_object = other.m_object;
            other.m_object = nullptr;
        }
        return *this;
    }
    Ref(const Ref&) = delete;
    Ref& operator=(const Ref&) = delete;
    ~Ref() { reset(); }

    T* get() const { return m_object; }
    T* operator->() const { return m_object; }
    T& operator*() const { return *m_object; }
    explicit operator bool() const { return m_object != nullptr; }

    // Gives the reference up without releasing it (the caller now holds it).
    T* leak() {
        T* object = m_object;
        m_object = nullptr;
        return object;
    }
    void reset() {
        if (m_object != nullptr)
            m_object->release();
        m_object = nullptr;
    }

private:
    T* m_object = nullptr;
};

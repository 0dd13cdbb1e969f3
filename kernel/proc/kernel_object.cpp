// See kernel_object.h.
#include "kernel/proc/kernel_object.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/process.h"

const char* to_string(ObjectKind kind) {
    switch (kind) {
    case ObjectKind::Console:
        return "console";
    case ObjectKind::File:
        return "file";
    case ObjectKind::Thread:
        return "thread";
    case ObjectKind::Process:
        return "process";
    case ObjectKind::Mutex:
        return "mutex";
    case ObjectKind::Semaphore:
        return "semaphore";
    case ObjectKind::SharedMemory:
        return "shared memory";
    case ObjectKind::Capture:
        return "capture";
    }
    return "?";
}

void KernelObject::add_reference() {
    uint32_t before = __atomic_fetch_add(&m_references, 1, __ATOMIC_RELAXED);
    VERIFY(before > 0); // nobody may revive an object that is being deleted
}

void KernelObject::release() {
    uint32_t before = __atomic_fetch_sub(&m_references, 1, __ATOMIC_ACQ_REL);
    VERIFY(before > 0);
    if (before == 1)
        delete this;
}

libk::ErrorOr<size_t> KernelObject::read(Process&, uintptr_t, size_t) {
    return libk::Error::WrongKind;
}

libk::ErrorOr<size_t> KernelObject::write(Process&, uintptr_t, size_t) {
    return libk::Error::WrongKind;
}

void KernelObject::handle_closed(Process&) {}

KernelObject::~KernelObject() {
    if (m_charged_process == nullptr)
        return;
    m_charged_process->memory_account()->uncharge_bytes(m_charged_bytes);
    m_charged_process->release();
}

libk::ErrorOr<void> KernelObject::charge_to(Process& process, size_t bytes) {
    VERIFY(m_charged_process == nullptr && &process != this);
    memory::MemoryAccount* account = process.memory_account();
    if (account == nullptr)
        return {};
    TRY(account->charge_bytes(bytes));
    process.add_reference();
    m_charged_process = &process;
    m_charged_bytes = bytes;
    return {};
}

libk::ErrorOr<void> KernelObject::charge_more(size_t bytes) {
    if (m_charged_process == nullptr)
        return {};
    TRY(m_charged_process->memory_account()->charge_bytes(bytes));
    m_charged_bytes += bytes;
    return {};
}

void KernelObject::uncharge(size_t bytes) {
    if (m_charged_process == nullptr)
        return;
    VERIFY(m_charged_bytes >= bytes);
    m_charged_process->memory_account()->uncharge_bytes(bytes);
    m_charged_bytes -= bytes;
}

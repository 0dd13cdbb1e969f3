// See thread.h. Only the bookkeeping lives here (it builds on the host too); the life cycle of
// kernel threads is in kernel_thread.cpp.
#include "kernel/sched/thread.h"
#include "libk/string.h"

Thread::Thread(ThreadId id, const char* name, Process* process, Priority priority)
    : m_id(id), m_priority(priority), m_process(process) {
    libk::copy_string(m_name, name, sizeof m_name);
}

const char* to_string(ThreadState state) {
    switch (state) {
    case ThreadState::Ready:
        return "ready";
    case ThreadState::Running:
        return "running";
    case ThreadState::Blocked:
        return "blocked";
    case ThreadState::Sleeping:
        return "sleeping";
    case ThreadState::Exited:
        return "exited";
    }
    return "?";
}

// See spawn.h.
#include "kernel/proc/spawn.h"
#include "kernel/debug/log.h"
#include "kernel/proc/console_object.h"
#include "kernel/proc/initrd.h"
#include "kernel/proc/loader.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/program_images.h"
#include "kernel/proc/teardown.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/trace/trace.h"
#include "libk/new.h"
#include "libk/string.h"

namespace process_spawn {
namespace {

void (*g_published_hook)() = nullptr;

// Whether the program's read-only segments come from the program-image cache: only for files
// of the initrd, which never change or move (program_images.h).
enum class ImageSharing { FromInitrd, Private };

libk::ErrorOr<ProcessId> spawn_program(Process& parent, const char* name, const uint8_t* image,
                                       size_t size, const ProgramArguments& arguments,
                                       const StandardHandles& handles, ImageSharing sharing);

libk::ErrorOr<void> open_standard_handles(Process& process, const StandardHandles& handles) {
    KernelObject& input = handles.input ? *handles.input : ConsoleObject::instance();
    KernelObject& output = handles.output ? *handles.output : ConsoleObject::instance();
    TRY(process.handles().add(Ref<KernelObject>::share(input), HandleAccess::Read));
    TRY(process.handles().add(Ref<KernelObject>::share(output), HandleAccess::Write));
    TRY(process.handles().add(Ref<KernelObject>::share(output), HandleAccess::Write));
    return {};
}

// Everything but the thread: memory, stack, handles. Returns the initial esp.
libk::ErrorOr<uint32_t> prepare(Process& process, const uint8_t* image,
                                const elf::Executable& executable,
                                const ProgramArguments& arguments, const StandardHandles& handles) {
    TRY(loader::load_segments(process, image, executable));
    uint32_t esp = TRY(loader::build_main_stack(process, arguments));
    TRY(open_standard_handles(process, handles));
    return esp;
}

libk::ErrorOr<elf::Executable> validate(const char* name, const uint8_t* image, size_t size) {
    elf::Executable executable;
    elf::ElfDiagnosis diagnosis = elf::validate_executable(image, size, executable);
    if (diagnosis.valid())
        return executable;
    if (diagnosis.program_header >= 0)
        log::warning("spawn", "%s is not a program this kernel can run: %s (program header %d)",
                     name, elf::describe(diagnosis.error), diagnosis.program_header);
    else
        log::warning("spawn", "%s is not a program this kernel can run: %s", name,
                     elf::describe(diagnosis.error));
    return libk::Error::NotExecutable;
}

// A process that never ran: its handles and memory go, and its id is given back.
void discard(Process* process) {
    close_all_handles(*process);
    process->release();
    process_table::cancel_reservation();
}

libk::ErrorOr<void> start_main_thread(Process& process, uint32_t entry, uint32_t esp) {
    UserThread* thread = TRY(make_charged<UserThread>(process, process, uintptr_t{0}));
    thread->set_start(entry, esp);
    libk::ErrorOr<void> started = start_user_thread(*thread, process.name());
    thread->release(); // the list holds its own reference when it started
    return started;
}

} // namespace

void set_published_hook(void (*hook)()) {
    g_published_hook = hook;
}

const char* program_name(const char* path) {
    const char* name = path;
    for (const char* character = path; *character; ++character) {
        if (*character == '/' && character[1] != '\0')
            name = character + 1;
    }
    return name;
}

libk::ErrorOr<ProcessId> spawn(Process& parent, const char* path, const ProgramArguments& arguments,
                               const StandardHandles& handles) {
    initrd::File file = TRY(initrd::find(path));
    if (file.is_directory)
        return libk::Error::AccessDenied;
    return spawn_program(parent, path, file.data, file.size, arguments, handles,
                         ImageSharing::FromInitrd);
}

libk::ErrorOr<ProcessId> spawn_image(Process& parent, const char* name, const uint8_t* image,
                                     size_t size, const ProgramArguments& arguments,
                                     const StandardHandles& handles) {
    return spawn_program(parent, name, image, size, arguments, handles, ImageSharing::Private);
}

namespace {

libk::ErrorOr<ProcessId> spawn_program(Process& parent, const char* name, const uint8_t* image,
                                       size_t size, const ProgramArguments& arguments,
                                       const StandardHandles& handles, ImageSharing sharing) {
    elf::Executable executable = TRY(validate(name, image, size));
    ProcessId id = TRY(process_table::reserve_id());
    auto* process = new (std::nothrow) Process(id, program_name(name));
    if (process == nullptr) {
        process_table::cancel_reservation();
        return libk::Error::OutOfMemory;
    }
    // Everything from here on is charged to the new process, not to its parent; its own object
    // too (never given back: the account ends with it).
    libk::ErrorOr<void> charged = process->memory_account()->charge_bytes(sizeof(Process));
    if (charged.is_error()) {
        discard(process);
        return charged.error();
    }
    libk::ErrorOr<memory::AddressSpace*> space =
        memory::AddressSpace::create(process->memory_account());
    if (space.is_error()) {
        discard(process);
        return space.error();
    }
    process->set_address_space(space.value());
    process->set_image(image, size);
    if (sharing == ImageSharing::FromInitrd) {
        libk::ErrorOr<ProgramImage*> shared = program_images::acquire(image, executable);
        if (shared.is_error()) {
            discard(process);
            return shared.error();
        }
        process->set_program_image(shared.value());
    }
    libk::ErrorOr<uint32_t> esp = prepare(*process, image, executable, arguments, handles);
    if (esp.is_error()) {
        discard(process);
        return esp.error();
    }
    process->set_parent(&parent);
    process_table::add(*process); // the table takes the creation reference
    trace::process_created(process->id(), process->name(), parent.id());
    if (g_published_hook != nullptr)
        g_published_hook();
    libk::ErrorOr<void> started = start_main_thread(*process, executable.entry, esp.value());
    if (started.is_error()) {
        {
            // A thread of the parent may have started waiting for any child while this one
            // was in the table: it must look again, and may find it has no child left.
            InterruptGuard guard;
            process_table::remove(*process);
            parent.child_waiters().wake_all();
        }
        close_all_handles(*process);
        process->release(); // the table's reference, handed back by remove()
        return started.error();
    }
    return id;
}

} // namespace

} // namespace process_spawn

# The kernel's threads as gdb sees them: every Thread (kernel/sched/thread.h) on the
# scheduler's list of all threads, which one is running, and the registers each switched-out
# thread saved (arch::Context, arch/x86/include/arch/context.h).
from . import values

import gdb

ALL_THREADS = "scheduler::(anonymous namespace)::g_all_threads"
CURRENT_THREAD = "scheduler::(anonymous namespace)::g_current"


class KernelThread:
    """One Thread, read once: the fields the commands show, by their names in thread.h."""

    def __init__(self, value, on_cpu_address, current_address):
        self.value = value
        self.address = int(value.address)
        self.id = int(value["m_id"])
        self.name = values.text(value["m_name"])
        self.state = values.enumerator(value["m_state"])
        self.priority = int(value["m_priority"])
        process = value["m_process"]
        self.process = process.dereference() if int(process) else None
        self.process_name = values.text(self.process["m_name"]) if self.process else "-"
        self.context_address = int(value["m_saved_context"])
        self.preempted_frame = int(value["m_preempted_frame"])
        self.times_scheduled = int(value["m_statistics"]["times_scheduled"])
        self.entry = int(value["m_entry"])
        self.stack_bottom = int(value["m_stack"]["bottom"])
        self.stack_top = int(value["m_stack"]["top"])
        # The thread whose registers the CPU holds. That is the scheduler's current thread,
        # except inside switch_context, where the scheduler already names the next thread while
        # the CPU still runs on the leaving thread's stack.
        self.is_running = self.address == on_cpu_address
        self.is_current = self.address == current_address

    @property
    def has_started(self):
        """False for a thread that has never run: its Context is the made-up first one, which
        enters thread_trampoline (arch::prepare_initial_context)."""
        return self.times_scheduled > 0

    def saved_registers(self):
        """The registers the thread resumes with when switch_context returns into it: those of
        its Context, and esp just above the Context (switch_context pops all of it, eip
        last). None while it runs (the CPU has its registers) or when it has none saved."""
        if self.is_running or self.context_address == 0:
            return None
        context = self.value["m_saved_context"].dereference()
        registers = {name: int(context[name]) for name in ("eip", "ebp", "ebx", "esi", "edi")}
        registers["esp"] = self.context_address + context.type.sizeof
        return registers

    def describe(self):
        return f'thread {self.id} "{self.name}" ({self.process_name}, {self.state})'


def scheduler_started():
    return int(values.variable(CURRENT_THREAD)) != 0


def all_threads():
    """Every thread the scheduler knows, in the order they were created."""
    if not scheduler_started():
        raise gdb.GdbError("the scheduler has not started yet: there are no threads "
                           "(kernel_thread::initialize in kernel_main starts it)")
    current = int(values.variable(CURRENT_THREAD))
    thread_values = list(values.list_elements(values.variable(ALL_THREADS)))
    on_cpu = thread_on_cpu(thread_values) or current
    return [KernelThread(thread, on_cpu, current) for thread in thread_values]


def thread_on_cpu(thread_values):
    """The address of the Thread whose kernel stack holds the CPU's esp, or None (the
    double-fault task runs on a stack of its own)."""
    esp = values.register("esp")
    for thread in thread_values:
        if int(thread["m_stack"]["bottom"]) <= esp < int(thread["m_stack"]["top"]):
            return int(thread.address)
    return None


def switch_in_progress(all_threads):
    """(leaving, arriving) while the CPU is inside switch_context, else None."""
    running = [thread for thread in all_threads if thread.is_running]
    current = [thread for thread in all_threads if thread.is_current]
    if running and current and running[0] is not current[0]:
        return running[0], current[0]
    return None


def thread_at(address):
    """The thread whose Thread object is at `address` (a Thread* of the kernel)."""
    for thread in all_threads():
        if thread.address == address:
            return thread
    raise gdb.GdbError(f"no thread of the scheduler's list is at {address:#x}")


def find_thread(argument):
    """A thread named by a command argument: its id ("4"), its name when no other thread has it
    ("visitor-2"), or an expression that is a Thread or a pointer to one ("mutex.m_owner")."""
    try:
        thread_id = int(argument, 0)
    except ValueError:
        named = [thread for thread in all_threads() if thread.name == argument]
        if len(named) == 1:
            return named[0]
        return thread_at(values.as_address(values.evaluate(argument)))
    for thread in all_threads():
        if thread.id == thread_id:
            return thread
    raise gdb.GdbError(f"there is no thread {thread_id} (kthreads lists them)")


def thread_summary(thread_pointer):
    """ 'thread 3 "visitor-1" (kernel, blocked)' for a Thread* value, or "nobody" for null."""
    address = int(thread_pointer)
    return thread_at(address).describe() if address else "nobody"

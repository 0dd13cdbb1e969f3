# kprocs: the processes (kernel/proc/process.h), each with its page directory, its threads and
# its open handles, the kernel objects it owns (kernel/proc/handle_table.h).
from . import stacks, threads, values

import gdb

ALL_PROCESSES = "process_table::(anonymous namespace)::g_processes"


class KernelProcess:
    """One Process, read once."""

    def __init__(self, value):
        self.value = value
        self.address = int(value.address)
        self.id = int(value["m_id"])
        self.name = values.text(value["m_name"])
        self.state = values.enumerator(value["m_state"])
        self.directory = int(value["m_page_directory_physical"])
        parent = value["m_parent"]
        self.parent_id = int(parent["m_id"]) if int(parent) else None

    def handles(self):
        """(number, kind, access, object address) for every open handle."""
        table = self.value["m_handles"]
        slots = table["m_slots"]
        count = int(table["m_count"])
        found = []
        for number in range(slots.type.range()[1] + 1):
            if len(found) == count:
                break
            slot = slots[number]
            pointer = int(slot["object"])
            if pointer:
                kind = values.enumerator(slot["object"].dereference()["m_kind"])
                found.append((number, kind, values.enumerator(slot["access"]), pointer))
        return found


def all_processes():
    """The kernel process (owner of the kernel threads, not in the process table) and every
    process of the table, in pid order."""
    if not values.has_variable(ALL_PROCESSES):
        raise gdb.GdbError("this kernel has no process table (kernel/proc/process_table.cpp)")
    found = {}
    for thread in threads.all_threads():
        if thread.process is not None:
            process = KernelProcess(thread.process)
            found[process.address] = process
    for value in values.list_elements(values.variable(ALL_PROCESSES)):
        process = KernelProcess(value)
        found[process.address] = process
    return sorted(found.values(), key=lambda process: process.id)


def find_process(argument):
    """A process by its pid (a number or an expression)."""
    pid = values.as_address(values.evaluate(argument))
    for process in all_processes():
        if process.id == pid:
            return process
    raise gdb.GdbError(f"there is no process {pid} (kprocs lists them)")


def handle_text(handle):
    number, kind, access, _ = handle
    return f"{number} {kind} ({access})"


def print_handles(process):
    handles = process.handles()
    if not handles:
        return
    line = "       handles:"
    for index, handle in enumerate(handles):
        text = handle_text(handle) + ("," if index + 1 < len(handles) else "")
        if len(line) + 1 + len(text) > 96:
            print(line)
            line = "               "
        line += " " + text
    print(line)


class ProcessesCommand(gdb.Command):
    """List the processes: kprocs

For each process: pid, name, state, parent, the physical address of its page directory (what
CR3 holds while its threads run), its threads now, and its open handles with the kind of kernel
object behind each (kwait PID HANDLE shows a mutex's or semaphore's waiters)."""

    def __init__(self):
        super().__init__("kprocs", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        if argument.strip():
            raise gdb.GdbError("usage: kprocs (no arguments)")
        stacks.require_stopped_target()
        all_threads = threads.all_threads()
        cr3 = values.register("cr3") & ~0xFFF
        print("  pid  name             state    parent  directory   threads")
        for process in all_processes():
            owned = [thread for thread in all_threads if thread.process is not None
                     and int(thread.process.address) == process.address]
            parent = "-" if process.parent_id is None else str(process.parent_id)
            active = "  (CR3 now)" if process.directory == cr3 else ""
            print(f"{process.id:5}  {process.name:<16} {process.state:<8} {parent:>6}  "
                  f"{process.directory:#010x} {len(owned):8}{active}")
            print_handles(process)


def register():
    ProcessesCommand()

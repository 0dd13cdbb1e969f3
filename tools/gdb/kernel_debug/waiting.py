# kwait: who holds a mutex and who waits for a mutex, a semaphore or a condition variable, in
# the order they will get it (kernel/sync/: each object waits through a WaitQueue, a FIFO list
# of blocked threads). Without an argument: every blocked thread and what it waits for.
from . import processes, stacks, threads, values

import gdb


def has_field(value, name):
    value_type = value.type.strip_typedefs()
    return value_type.code == gdb.TYPE_CODE_STRUCT and any(
        field.name == name for field in value_type.fields())


def waiting_list(sync_object):
    """The ThreadQueue of a sync object: Mutex/Semaphore/ConditionVariable::m_waiters is a
    WaitQueue, whose own m_waiters is the list; a WaitQueue itself is accepted too."""
    queue = sync_object
    while has_field(queue, "m_waiters"):
        queue = queue["m_waiters"]
    if not has_field(queue, "m_head"):
        raise gdb.GdbError(f"a {sync_object.type} has no list of waiting threads: give kwait a "
                           "Mutex, Semaphore, ConditionVariable or WaitQueue")
    return queue


def object_title(sync_object):
    """ 'Mutex "restroom" at 0xc016afd0' """
    title = str(sync_object.type.strip_typedefs().unqualified())
    if has_field(sync_object, "m_name"):
        name = sync_object["m_name"]
        is_array = name.type.strip_typedefs().code == gdb.TYPE_CODE_ARRAY
        title += f' "{values.text(name) if is_array else name.string()}"'
    return f"{title} at {int(sync_object.address):#010x}"


def owner_summary(owner):
    """Who holds a mutex: the kernel's Mutex names its owner by Thread*, a UserMutex by
    ThreadId (0 when free; an id that no thread has any more when its owner has ended)."""
    if owner.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
        return threads.thread_summary(owner)
    thread_id = int(owner)
    if thread_id == 0:
        return "nobody"
    for thread in threads.all_threads():
        if thread.id == thread_id:
            return thread.describe()
    return f"thread {thread_id}, which has ended"


def print_sync_object(sync_object):
    waiting = waiting_list(sync_object)
    print(object_title(sync_object))
    if has_field(sync_object, "m_owner"):
        print(f"  held by {owner_summary(sync_object['m_owner'])}")
    if has_field(sync_object, "m_value"):
        print(f"  permits free: {int(sync_object['m_value'])}")
    waiters = [threads.thread_at(int(thread.address))
               for thread in values.list_elements(waiting)]
    if not waiters:
        print("  nobody waits")
        return
    print(f"  waiting, first in line first ({len(waiters)}):")
    for place, thread in enumerate(waiters, 1):
        print(f"    {place}. {thread.describe()}")


def waited_object(thread):
    """The sync object a blocked thread waits for: the `this` of the outermost frame whose wait
    list is the one the thread is linked into (Mutex::lock rather than the WaitQueue::wait it
    calls), and that frame's function."""
    queue_address = int(thread.value["m_queue_node"]["m_list"])
    found = (None, None)
    if queue_address == 0:
        return found
    with stacks.thread_registers_loaded(thread):
        for frame in stacks.frames():
            try:
                pointer = frame.read_var("this")
                # Read now: the pointer may live in a register of this frame, which is gone
                # once the real registers are back. What it points to is memory and stays.
                pointer.fetch_lazy()
                this = pointer.dereference()
            except (ValueError, gdb.error):
                continue
            if (has_field(this, "m_waiters")
                    and int(waiting_list(this).address) == queue_address):
                found = (this, values.short_function_name(frame.name()))
    return found


def handle_object(pid, handle):
    """The kernel object behind handle HANDLE of process PID, as its own class (UserMutex,
    UserSemaphore, ...): gdb finds the class from the object's vtable."""
    process = processes.find_process(pid)
    number = values.as_address(values.evaluate(handle))
    for slot_number, kind, _, address in process.handles():
        if slot_number == number:
            pointer = gdb.Value(address).cast(gdb.lookup_type("KernelObject").pointer())
            return pointer.dereference().cast(pointer.dynamic_type.target())
    raise gdb.GdbError(f'process {process.id} "{process.name}" has no handle {number}')


def print_all_waiting():
    blocked = [thread for thread in threads.all_threads() if thread.state == "blocked"]
    if not blocked:
        print("No thread is blocked.")
        return
    for thread in blocked:
        sync_object, function = waited_object(thread)
        # A bare WaitQueue says less than the function that waits in it (join, wait for a child).
        if sync_object is None or str(sync_object.type.strip_typedefs()) == "WaitQueue":
            print(f"{thread.describe()}\n    waits in {stacks.where(thread)}")
            continue
        waiters = [int(t.address) for t in values.list_elements(waiting_list(sync_object))]
        place = waiters.index(thread.address) + 1 if thread.address in waiters else "?"
        holder = ""
        if has_field(sync_object, "m_owner"):
            holder = f", held by {owner_summary(sync_object['m_owner'])}"
        print(f"{thread.describe()}, place {place} of {len(waiters)} in line\n"
              f"    waits in {function} for {object_title(sync_object)}{holder}")


class WaitCommand(gdb.Command):
    """Who holds a mutex and who waits for it: kwait [OBJECT | PID HANDLE]

OBJECT is a Mutex, Semaphore, ConditionVariable or WaitQueue, or a pointer to one (any
expression: restroom, &scene.kitchen, *(Mutex *) 0xc016afd0). PID HANDLE names the mutex or
semaphore behind a handle of a user process (see kprocs). kwait prints the owner (a mutex), the
free permits (a semaphore), and the waiting threads in the order they will be served.
Without an argument: every blocked thread, what it waits for and its place in the line."""

    def __init__(self):
        super().__init__("kwait", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        stacks.require_stopped_target()
        if not argument.strip():
            print_all_waiting()
            return
        words = gdb.string_to_argv(argument)
        if len(words) == 2:
            value = handle_object(words[0], words[1])
        else:
            value = values.evaluate(argument)
            if value.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
                value = value.dereference()
        try:
            print_sync_object(value)
        except gdb.MemoryError as error:
            raise gdb.GdbError(f"cannot read that object: {error}") from None


def register():
    WaitCommand()

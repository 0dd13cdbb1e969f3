# How the commands read the kernel: variables and constants by their names in the debug
# information, words of memory, registers, and code addresses turned into function names.
import struct

import gdb


def variable(name):
    """The kernel variable `name` (a global, or a static one such as
    "scheduler::(anonymous namespace)::g_current"), as a gdb.Value."""
    symbol = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
    if symbol is None:
        raise gdb.GdbError(
            f"the kernel has no variable {name} (is build/kernel.elf the kernel QEMU runs?)")
    return symbol.value()


def has_variable(name):
    return (gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)) is not None


def constant(name):
    """A constant of the kernel's headers, such as memory::DIRECT_MAP_BASE, as an int."""
    try:
        return int(gdb.parse_and_eval(name))
    except gdb.error as error:
        raise gdb.GdbError(f"cannot read the kernel constant {name}: {error}") from None


def evaluate(expression):
    """A command argument: any gdb expression (a number, $esp, &g_mutex, thread->m_id)."""
    try:
        return gdb.parse_and_eval(expression)
    except gdb.error as error:
        raise gdb.GdbError(f"cannot evaluate '{expression}': {error}") from None


def as_address(value):
    """A pointer, an integer or an object (its address) as an int."""
    if value.type.strip_typedefs().code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_ARRAY):
        value = value.address
    return int(value) & 0xFFFFFFFF


def register(name):
    """A register of the CPU as QEMU has it now (eip, cr3, ...), as an int: the innermost
    frame's, whichever frame the user has selected."""
    return int(gdb.newest_frame().read_register(name)) & 0xFFFFFFFF


def read_word(address):
    """The 32-bit word at a virtual address, or None when it cannot be read (not mapped)."""
    try:
        data = gdb.selected_inferior().read_memory(address, 4)
    except gdb.MemoryError:
        return None
    return struct.unpack("<I", bytes(data))[0]


def text(char_array):
    """A NUL-terminated char array member (such as a thread's name) as a Python string."""
    data = bytes(int(char_array[index]) & 0xFF for index in range(char_array.type.sizeof))
    return data.split(b"\0", 1)[0].decode("ascii", "replace")


def enumerator(value):
    """An enum class value by its enumerator's name: ThreadState::Blocked -> "blocked"."""
    return str(value).rsplit("::", 1)[-1].lower()


def function_name(address, is_return_address=False):
    """The function an address of code is in, with the offset: "scheduler::yield()+0x2f".
    A return address is looked up one byte back (the call before it), so that a call at the
    very end of a function is not named after the next one."""
    lookup = address - 1 if is_return_address else address
    if is_return_address and _starts_thread_trampoline(address):
        lookup = address  # a new thread's first "return" goes to the trampoline's first byte
    block = _function_block(lookup)
    if block is not None:
        return f"{short_function_name(block.function.print_name)}+{address - block.start:#x}"
    # Assembly routines have no function blocks; the ELF symbol table still names them.
    description = gdb.execute(f"info symbol {lookup:#x}", to_string=True).strip()
    if description.startswith("No symbol"):
        return "??"
    name, _, rest = description.partition(" in section ")
    name, _, offset = name.partition(" + ")
    return f"{name}+{int(offset or '0') + address - lookup:#x}"


def _starts_thread_trampoline(address):
    """True at the first instruction of thread_trampoline, the return address a new thread's
    stack is built with: no call precedes it, so looking one byte back would be wrong."""
    description = gdb.execute(f"info symbol {address:#x}", to_string=True)
    return description.startswith("thread_trampoline in section")


def _function_block(address):
    """The outermost (not inlined) function's block around `address`, or None."""
    try:
        block = gdb.block_for_pc(address)
    except RuntimeError:
        return None
    function = None
    while block is not None and not (block.is_static or block.is_global):
        if block.function is not None:
            function = block
        block = block.superblock
    return function


def list_elements(intrusive_list, limit=100000):
    """The elements of a libk::IntrusiveList (libk/intrusive_list.h), first to last, as values
    of the element type. Each node records the element it belongs to (m_owner), so no offsets
    are computed here. Stops after `limit` elements, in case the list is damaged."""
    head = intrusive_list["m_head"]
    head_address = int(head.address)
    node = head["m_next"]
    for _ in range(limit):
        if int(node) in (0, head_address):
            return
        yield node["m_owner"].dereference()
        node = node["m_next"]
    raise gdb.GdbError(f"the list at {int(intrusive_list.address):#x} has more than {limit} "
                       "elements: is it damaged?")


def short_function_name(name):
    """A function name as a student reads it: no parameter list, no "(anonymous namespace)::".
    "kernel_thread::(anonymous namespace)::reap_loop(void*)" -> "kernel_thread::reap_loop"."""
    if name is None:
        return "??"
    name = name.replace("(anonymous namespace)::", "")
    if name.endswith(")"):
        depth = 0
        for index in range(len(name) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(name[index], 0)
            if depth == 0:
                name = name[:index] if index > 0 else name
                break
    return name

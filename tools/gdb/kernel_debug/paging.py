# kpt: walk the x86 page tables for one virtual address, the way the MMU does (Intel SDM
# Vol. 3A, 4.3: 32-bit paging), and show every entry on the way with its flags decoded.
#
# The tables are in physical memory. gdb reads virtual addresses only, so physical address p is
# read through the kernel's direct map at memory::DIRECT_MAP_BASE + p (kernel/memory/layout.h),
# which every address space has; with paging still off, virtual and physical are the same.
from . import processes, values

import gdb

# Bits of a directory or table entry (arch/x86/include/arch/paging.h, Intel SDM table 4-4/4-6).
PRESENT = 1 << 0
WRITABLE = 1 << 1
USER = 1 << 2
FLAG_NAMES = [
    (1 << 3, "write-through"),
    (1 << 4, "cache-disabled"),
    (1 << 5, "accessed"),
    (1 << 6, "dirty"),
    (1 << 8, "global"),
]
LARGE_PAGE = 1 << 7  # a directory entry that maps 4 MiB itself (CR4.PSE)
CR0_PAGING = 1 << 31
FRAME_MASK = 0xFFFFF000
LARGE_FRAME_MASK = 0xFFC00000


def describe_flags(entry, is_directory_entry):
    """ "present writable user accessed" style words for an entry's flag bits."""
    if not entry & PRESENT:
        return "not present"
    words = ["present", "writable" if entry & WRITABLE else "read-only",
             "user" if entry & USER else "kernel-only"]
    words += [name for bit, name in FLAG_NAMES if entry & bit]
    if is_directory_entry and entry & LARGE_PAGE:
        words.append("4-MiB-page")
    return " ".join(words)


class PhysicalMemory:
    """Reads 32-bit words of physical memory through the direct map (or directly while paging
    is off)."""

    def __init__(self):
        self.paging_enabled = bool(values.register("cr0") & CR0_PAGING)
        self.direct_map_base = values.constant("memory::DIRECT_MAP_BASE")

    def read_word(self, physical):
        virtual = physical if not self.paging_enabled else self.direct_map_base + physical
        word = values.read_word(virtual & 0xFFFFFFFF)
        if word is None:
            raise gdb.GdbError(
                f"cannot read physical {physical:#010x} at {virtual:#010x}: the direct map does "
                "not reach it (before memory::initialize only the first 16 MiB are mapped)")
        return word


class Walk:
    """The result of walking the tables for one address: the entries read on the way, and the
    physical address it leads to (None when a level is not present)."""

    def __init__(self, virtual, directory):
        self.virtual = virtual
        self.directory = directory
        self.steps = []  # (level, index, entry address, entry value)
        self.physical = None
        self.large_page = False
        self.writable = False
        self.user = False


def walk(virtual, directory, memory):
    """Walks the page directory at physical `directory` for `virtual`, as the MMU would."""
    result = Walk(virtual, directory)
    directory_index = (virtual >> 22) & 0x3FF
    table_index = (virtual >> 12) & 0x3FF
    directory_entry_address = (directory & FRAME_MASK) + 4 * directory_index
    directory_entry = memory.read_word(directory_entry_address)
    result.steps.append(("directory entry", directory_index, directory_entry_address,
                         directory_entry))
    if not directory_entry & PRESENT:
        return result
    if directory_entry & LARGE_PAGE:
        result.large_page = True
        result.physical = (directory_entry & LARGE_FRAME_MASK) | (virtual & ~LARGE_FRAME_MASK)
        result.writable = bool(directory_entry & WRITABLE)
        result.user = bool(directory_entry & USER)
        return result
    table_entry_address = (directory_entry & FRAME_MASK) + 4 * table_index
    table_entry = memory.read_word(table_entry_address)
    result.steps.append(("table entry", table_index, table_entry_address, table_entry))
    if not table_entry & PRESENT:
        return result
    result.physical = (table_entry & FRAME_MASK) | (virtual & 0xFFF)
    # The CPU allows a write or a user access only if both levels allow it.
    result.writable = bool(directory_entry & table_entry & WRITABLE)
    result.user = bool(directory_entry & table_entry & USER)
    return result


def region_of(virtual):
    """Which part of the kernel's address space layout an address is in (layout.h)."""
    regions = [
        ("memory::USER_START", "page 0, never mapped"),
        ("memory::USER_END", "user space"),
        ("memory::KERNEL_HEAP_BASE", "kernel half, direct map"),
        ("memory::KERNEL_STACKS_BASE", "kernel heap"),
    ]
    try:
        for name, description in regions:
            if virtual < values.constant(name):
                return description
    except gdb.GdbError:
        # A kernel whose debug information lacks one of layout.h's constants.
        return "user space" if virtual < values.constant("memory::USER_END") else "kernel half"
    return "kernel stacks"


def print_walk(result):
    print(f"virtual {result.virtual:#010x} ({region_of(result.virtual)}): directory index "
          f"{(result.virtual >> 22) & 0x3FF}, table index {(result.virtual >> 12) & 0x3FF}, "
          f"offset {result.virtual & 0xFFF:#05x}")
    for level, index, address, entry in result.steps:
        is_directory = level == "directory entry"
        target = ""
        if entry & PRESENT:
            if is_directory and entry & LARGE_PAGE:
                target = f" -> 4 MiB frame {entry & LARGE_FRAME_MASK:#010x}"
            elif is_directory:
                target = f" -> page table at {entry & FRAME_MASK:#010x}"
            else:
                target = f" -> frame {entry & FRAME_MASK:#010x}"
        print(f"  {level} {index:4} at {address:#010x}: {entry:#010x}  "
              f"{describe_flags(entry, is_directory)}{target}")
    if result.physical is None:
        print(f"{result.virtual:#010x} is not mapped")
        return
    access = "read-write" if result.writable else "read-only"
    owner = "user" if result.user else "kernel-only"
    size = "4 MiB page" if result.large_page else "4 KiB page"
    print(f"{result.virtual:#010x} -> physical {result.physical:#010x} ({size}, {owner} {access})")


class PageTableCommand(gdb.Command):
    """Walk the page tables for a virtual address: kpt ADDRESS [PID]

Shows the page directory entry and the page table entry the MMU uses for ADDRESS, their flags,
and the physical address it leads to. ADDRESS is any expression: 0x400000, $esp, &g_variable.
The walk starts at the page directory in CR3 (the address space running now), or at the page
directory of process PID (see kprocs)."""

    def __init__(self):
        super().__init__("kpt", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        arguments = gdb.string_to_argv(argument)
        if len(arguments) not in (1, 2):
            raise gdb.GdbError("usage: kpt ADDRESS [PID]")
        virtual = values.as_address(values.evaluate(arguments[0]))
        memory = PhysicalMemory()
        if not memory.paging_enabled:
            print(f"paging is off (CR0.PG = 0): {virtual:#010x} is the physical address itself")
            return
        if len(arguments) == 2:
            process = processes.find_process(arguments[1])
            directory = process.directory & FRAME_MASK
            print(f'page directory at physical {directory:#010x} (process {process.id} '
                  f'"{process.name}")')
        else:
            directory = values.register("cr3") & FRAME_MASK
            print(f"page directory at physical {directory:#010x} (CR3)")
        print_walk(walk(virtual, directory, memory))


def register():
    PageTableCommand()

# The checks of restroom_demo_seen_from_gdb.sh (which says what they cover), run inside gdb by
# tests/gdb/lib/run-gdb-test.sh with the kernel's extension loaded.
import os
import re
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
import gdb_test  # noqa: E402
from gdb_test import gdb  # noqa: E402

PROGRAM = os.path.join(os.environ.get("BUILD", "build"), "user", "demos", "restroom")


def program_bytes(virtual, count):
    """The bytes the ELF file says belong at `virtual` (from its program headers)."""
    with open(PROGRAM, "rb") as elf:
        data = elf.read()
    header_offset, = struct.unpack_from("<I", data, 0x1C)
    header_size, header_count = struct.unpack_from("<HH", data, 0x2A)
    for index in range(header_count):
        kind, offset, address, _, file_size = struct.unpack_from(
            "<IIIII", data, header_offset + index * header_size)
        if kind == 1 and address <= virtual < address + file_size:  # PT_LOAD
            start = offset + virtual - address
            return data[start:start + count]
    raise gdb_test.TestFailure(f"{PROGRAM} has nothing at {virtual:#x}")


def memory(address, count):
    return bytes(gdb.selected_inferior().read_memory(address, count))


def check_processes(session):
    output = session.command("kprocs")
    restroom = session.expect_match(r"^ +(\d+)  restroom +running +1  (0x[0-9a-f]{8}) +(\d+)",
                                    output, "kprocs lists restroom, a child of init (pid 1)")
    session.expect_match(r"^ +1  init +running +0  0x", output, "and init, started by the kernel")
    session.expect_match(r"handles: 0 console \(read\), 1 console \(write\), 2 console \(write\), "
                         r"3 mutex", output, "restroom's handles: the console, then its mutexes")
    pid, directory = restroom.group(1), int(restroom.group(2), 16)
    session.expect(int(restroom.group(3)) >= 2, "restroom has its main thread and its workers")

    entry = int(session.command(f"kpt 0x400000 {pid}").split("-> physical ")[1].split()[0], 16)
    output = session.command(f"kpt 0x400000 {pid}")
    session.expect(f"page directory at physical {directory:#010x}" in output,
                   "kpt PID walks that process's own page directory")
    session.expect("user read-only" in output, "program code is user-accessible and read-only")
    direct_map = int(gdb.parse_and_eval("memory::DIRECT_MAP_BASE"))
    session.expect(memory(direct_map + entry, 64) == program_bytes(0x400000, 64),
                   "the frame kpt found holds the program's first bytes, as in its ELF file")


def test(session):
    # A worker about to wait for a mutex someone else holds.
    session.run_to("blocking::wait_on_handle", condition='$_caller_is("UserMutex::lock")')
    waiter = int(session.expect_match(r"^\* *(\d+)  restroom ", session.command("kthreads"),
                                      "the worker that waits is a thread of restroom").group(1))
    gdb.execute("delete")
    session.run_to("switch_context")
    check_processes(session)
    output = session.command("kwait")
    match = session.expect_match(
        rf'^thread {waiter} "restroom" \(restroom, blocked\), place (\d+) of (\d+) in line\n'
        r"    waits in UserMutex::lock for UserMutex at (0x[0-9a-f]+), held by thread (\d+)",
        output, "kwait: the worker waits in UserMutex::lock for a mutex another thread holds")
    mutex = match.group(3)
    output = session.command(f"kwait *(UserMutex *) {mutex}")
    first = int(session.expect_match(r"^    1\. thread (\d+) ", output,
                                     "kwait lists the waiters of that mutex").group(1))
    output = session.command(f"kbt {waiter}")
    session.expect_match(r"UserMutex::lock \(this=" + mutex, output,
                         "kbt of the waiter names UserMutex::lock")
    session.expect("entered the kernel from user mode" in output,
                   "and ends where it entered the kernel from user mode")

    gdb.execute("delete")
    session.command(f"watch -l ((UserMutex *) {mutex})->m_owner")
    session.command("continue")
    output = session.command(f"kwait *(UserMutex *) {mutex}")
    session.expect_match(rf"^  held by thread {first} ", output,
                         "the mutex passes to the first in line")


gdb_test.run(__file__, test)

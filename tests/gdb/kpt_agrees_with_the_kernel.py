# The checks of kpt_agrees_with_the_kernel.sh (which says what they cover), run inside gdb by
# tests/gdb/lib/run-gdb-test.sh with the kernel's extension loaded.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
import gdb_test  # noqa: E402


def physical_line(virtual, physical):
    return rf"^0x{virtual:08x} -> physical 0x{physical:08x} "


def test(session):
    session.run_to("debugger_checkpoint")
    directory = int(session.serial_value(r"^debugger: directory (0x[0-9a-f]+)$"), 16)
    user_page = int(session.serial_value(r"^debugger: user page (0x[0-9a-f]+) ->"), 16)
    user_frame = int(session.serial_value(r"^debugger: user page \S+ -> frame (0x[0-9a-f]+)$"),
                     16)
    heap_block = int(session.serial_value(r"^debugger: heap block (0x[0-9a-f]+) ->"), 16)
    heap_frame = int(session.serial_value(r"^debugger: heap block \S+ -> frame (0x[0-9a-f]+)$"),
                     16)

    output = session.command(f"kpt {user_page + 0x123:#x}")
    session.expect_match(rf"^page directory at physical 0x{directory:08x} \(CR3\)$", output,
                         "the walk starts at the directory of the address space the test made")
    session.expect_match(r"^virtual 0x08048123 \(user space\): directory index 32, "
                         r"table index 72, offset 0x123$", output, "the address is split up")
    session.expect_match(physical_line(user_page + 0x123, user_frame + 0x123)
                         + r"\(4 KiB page, user read-write\)$", output,
                         "the user page leads to the frame the kernel reported")
    session.expect_match(r"^  table entry +72 at .*present writable user", output,
                         "the table entry's flags are decoded")

    output = session.command(f"kpt {heap_block:#x}")
    session.expect_match(physical_line(heap_block, heap_frame + (heap_block & 0xFFF))
                         + r"\(4 KiB page, kernel-only read-write\)$", output,
                         "the heap block leads to the frame the kernel reported")
    session.expect("(kernel heap)" in output, "the address is named as part of the heap")

    # The kernel image is loaded at its link address minus 0xC0000000 (arch/x86/kernel.ld).
    text = int(gdb_test.gdb.parse_and_eval("(unsigned) &kernel_main"))
    output = session.command("kpt &kernel_main")
    session.expect_match(physical_line(text, text - 0xC0000000)
                         + r"\(4 KiB page, kernel-only read-only\)$", output,
                         "kernel text is read-only at its load address")

    output = session.command("kpt 0x1000")
    session.expect_match(r"^0x00001000 is not mapped$", output, "an unmapped page is reported")


gdb_test.run(__file__, test)

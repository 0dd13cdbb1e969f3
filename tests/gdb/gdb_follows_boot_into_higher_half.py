# The checks of gdb_follows_boot_into_higher_half.sh (which says what they cover), run inside gdb by
# tests/gdb/lib/run-gdb-test.sh with the kernel's extension loaded.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
import gdb_test  # noqa: E402
from gdb_test import gdb  # noqa: E402

KERNEL_VIRTUAL_BASE = 0xC0000000
MAXIMUM_BOOT_INSTRUCTIONS = 200  # _start runs a few dozen before the jump up


def test(session):
    session.run_to("_start")
    output = session.command("frame")
    session.expect_match(r"^#0  _start \(\) at boot/entry\.asm:\d+$", output,
                         "_start is a function with line information, at its physical address")
    session.expect(session.command("info registers cr0").split()[1] == "0x11",
                   "paging is still off at _start (CR0 = PE | ET)")
    output = session.command("kpt $pc")
    session.expect("paging is off" in output, "kpt knows that paging is off")

    steps = 0
    while int(gdb.parse_and_eval("$pc")) < KERNEL_VIRTUAL_BASE:
        steps += 1
        if steps > MAXIMUM_BOOT_INSTRUCTIONS:
            raise gdb_test.TestFailure("stepi never reached the higher half")
        gdb.execute("stepi", to_string=True)
    print(f"{steps} instructions from _start to the higher half")
    output = session.command("frame")
    session.expect_match(r"^#0  higher_half_entry \(\) at boot/higher_half_entry\.asm:\d+$",
                         output, "the jump lands in higher_half_entry, with line information")
    output = session.command("kpt $pc")
    session.expect_match(r"-> physical 0x001[0-9a-f]{5} \(4 MiB page, kernel-only read-write\)$",
                         output, "the boot directory maps the higher half with 4 MiB pages")

    session.run_to("kernel_main")
    output = session.command("backtrace")
    session.expect_match(r"^#0  kernel_main \(magic=920085129, ", output,
                         "kernel_main receives the Multiboot2 magic 0x36d76289")
    session.expect_match(r"^#1  0x[0-9a-f]+ in higher_half_entry \(\) at "
                         r"boot/higher_half_entry\.asm:\d+$", output,
                         "its caller is the boot code, with its line")
    session.expect("warning" not in output, "no warnings from the debug information")


gdb_test.run(__file__, test)

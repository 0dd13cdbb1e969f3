# The checks of extension_works_over_mi.sh (which says what they cover). This one runs on the host,
# not inside gdb: it is the front end, driving gdb through its machine interface.
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
from mi_session import MiError, MiSession  # noqa: E402


def expect(condition, what):
    if not condition:
        raise MiError(what)
    print(f"ok: {what}")


def main():
    iso = os.environ["GDB_TEST_ISO"]
    serial_log = os.environ["GDB_TEST_SERIAL_LOG"]
    qemu = ("exec qemu-system-i386 -m 128M -accel tcg -no-reboot -boot d -display none "
            f"-cpu {os.environ['GDB_TEST_CPU']} "
            f"-cdrom {iso} -serial file:{serial_log} -monitor none "
            "-device isa-debug-exit,iobase=0xf4,iosize=0x04 -S -gdb stdio")
    session = MiSession(sys.argv[1], deadline_seconds=120)
    try:
        session.command("-gdb-set architecture i386")
        session.console("source tools/gdb/kernel.py")
        session.console(f"target remote | {qemu}")
        session.command("-break-insert debugger_checkpoint")
        session.command("-exec-continue")
        stop = session.wait_for_stop()
        expect('reason="breakpoint-hit"' in stop and "debugger_checkpoint" in stop,
               "the kernel stops at the checkpoint")

        output = session.console("kthreads")
        print(output)
        expect(re.search(r"^\* +\d+  boot +kernel +running", output, re.MULTILINE),
               "kthreads answers in the console stream")
        expect(len(re.findall(r"blocked .*Mutex::lock", output)) == 3,
               "it shows the three visitors blocked in Mutex::lock")
        frame_before = session.command("-stack-info-frame")
        output = session.console("kbt 4")
        expect("Mutex::lock" in output, "kbt of a visitor names Mutex::lock")
        expect(session.command("-stack-info-frame") == frame_before,
               "the front end's frame is the same after kbt")
        output = session.console("kwait")
        expect('waits in Mutex::lock for Mutex "restroom"' in output,
               "kwait says what the visitors wait for")
        print("GDB TEST PASS extension_works_over_mi")
    except MiError as error:
        print(f"GDB TEST FAIL extension_works_over_mi: {error}")
        print("\n".join(session.log[-40:]))
    finally:
        session.close()


main()

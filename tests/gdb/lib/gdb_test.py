# What the gdb tests (tests/gdb/*.py, run by run-gdb-test.sh) have in common: boot the kernel
# under gdb, run to a breakpoint, run a command and keep its output, check, and end with a
# verdict line. A test file reads
#
#     import gdb_test
#     def test(session):
#         session.run_to("debugger_checkpoint")
#         output = session.command("kpt 0x400000")
#         session.expect("-> physical" in output, "kpt resolves the page")
#     gdb_test.run(__file__, test)
import os
import re
import sys
import traceback

import gdb


class TestFailure(Exception):
    pass


class Session:
    def __init__(self, name):
        self.name = name
        self.iso = os.environ["GDB_TEST_ISO"]
        self.serial_log_path = os.environ["GDB_TEST_SERIAL_LOG"]
        self.checks = 0

    def boot(self):
        """Starts QEMU paused at its first instruction, connected to gdb through a pipe."""
        gdb.execute("set pagination off")
        gdb.execute("set confirm off")
        gdb.execute("set architecture i386")
        qemu = ("exec qemu-system-i386 -m 128M -accel tcg -no-reboot -boot d -display none "
                f"-cpu {os.environ['GDB_TEST_CPU']} "
                f"-cdrom {self.iso} -serial file:{self.serial_log_path} -monitor none "
                "-device isa-debug-exit,iobase=0xf4,iosize=0x04 -S -gdb stdio")
        gdb.execute(f"target remote | {qemu}")

    def command(self, text):
        """Runs a gdb command, echoes it and its output into the test log, returns the output."""
        try:
            output = gdb.execute(text, to_string=True)
        except gdb.error as error:
            raise TestFailure(f"command '{text}' failed: {error}") from None
        print(f"(gdb) {text}\n{output}", end="" if output.endswith("\n") else "\n")
        return output

    def run_to(self, location, condition=None):
        """Continues until the breakpoint at `location` (set here, once) is hit, and its
        condition (a gdb expression) holds."""
        breakpoints = [b for b in gdb.breakpoints() if b.location == location]
        breakpoint = breakpoints[0] if breakpoints else gdb.Breakpoint(location)
        breakpoint.condition = condition
        hits = breakpoint.hit_count
        try:
            self.command("continue")
        except TestFailure as failure:
            raise TestFailure(f"the kernel did not reach {location} ({failure}); "
                              f"serial log:\n{self.serial_log()}") from None
        if breakpoint.hit_count != hits + 1:
            raise TestFailure(f"stopped elsewhere than at {location}:\n"
                              + gdb.execute("bt", to_string=True))

    def serial_log(self):
        try:
            with open(self.serial_log_path, encoding="utf-8", errors="replace") as log:
                return log.read().replace("\r", "")
        except FileNotFoundError:
            return ""

    def serial_value(self, pattern):
        """The first group of the first serial log line that matches `pattern`."""
        match = re.search(pattern, self.serial_log(), re.MULTILINE)
        if match is None:
            raise TestFailure(f"the kernel printed no line matching {pattern!r}; serial log:\n"
                              + self.serial_log())
        return match.group(1)

    def expect(self, condition, what):
        self.checks += 1
        if not condition:
            raise TestFailure(what)
        print(f"ok: {what}")

    def expect_match(self, pattern, text, what):
        """Checks that `text` has a line matching the regular expression; returns the match."""
        match = re.search(pattern, text, re.MULTILINE)
        self.expect(match is not None, f"{what} (looked for /{pattern}/)")
        return match

    def finish(self):
        try:
            gdb.execute("kill", to_string=True)
        except gdb.error:
            pass  # QEMU has exited already


def run(test_file, test):
    """Runs test(session) and quits gdb with its verdict."""
    name = os.path.splitext(os.path.basename(test_file))[0]
    session = Session(name)
    status = 1
    try:
        session.boot()
        test(session)
        print(f"{session.checks} checks passed")
        print(f"GDB TEST PASS {name}")
        status = 0
    except TestFailure as failure:
        print(f"GDB TEST FAIL {name}: {failure}")
    except Exception:  # a mistake in the test or the extension: show where
        print(f"GDB TEST FAIL {name}: unexpected error")
        traceback.print_exc(file=sys.stdout)
    session.finish()
    gdb.execute(f"quit {status}")

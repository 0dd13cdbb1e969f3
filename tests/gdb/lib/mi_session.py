# A gdb driven through its machine interface (GDB/MI), the way graphical front ends (VS Code,
# Eclipse, CLion, ...) drive it: commands in, result and stream records out. Used by the test
# that the kernel extension works under a front end, not only at gdb's own prompt.
import os
import select
import subprocess
import time


class MiError(Exception):
    pass


def c_string(record):
    """The text of a stream record: ~"text\\n" -> text with the C escapes undone."""
    body = record[2:-1]
    return body.encode("latin-1").decode("unicode_escape")


class MiSession:
    def __init__(self, elf, deadline_seconds):
        self.deadline = time.monotonic() + deadline_seconds
        self.log = []
        self.process = subprocess.Popen(
            ["gdb", "--interpreter=mi3", "-q", "-nx", elf], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=0)
        self.pending = b""
        self.read_until(lambda line: line.startswith("(gdb)"))

    def read_line(self):
        while b"\n" not in self.pending:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise MiError("no answer from gdb in time")
            ready, _, _ = select.select([self.process.stdout], [], [], remaining)
            if ready:
                data = os.read(self.process.stdout.fileno(), 65536)
                if not data:
                    raise MiError("gdb exited")
                self.pending += data
        line, self.pending = self.pending.split(b"\n", 1)
        text = line.decode("utf-8", "replace").rstrip("\r")
        self.log.append(text)
        return text

    def read_until(self, is_last):
        lines = []
        while True:
            line = self.read_line()
            lines.append(line)
            if is_last(line):
                return lines

    def command(self, text):
        """Sends an MI command; returns the console output (the ~ stream records) once its
        result record (^done, ^running, ^connected or ^error) has come."""
        self.log.append(f">>> {text}")
        self.process.stdin.write(text.encode() + b"\n")
        lines = self.read_until(lambda line: line.startswith("^"))
        if lines[-1].startswith("^error"):
            raise MiError(f"{text}: {lines[-1]}")
        return "".join(c_string(line) for line in lines if line.startswith("~"))

    def console(self, text):
        """A command as a front end's debug console sends it (VS Code: "-exec kthreads")."""
        quoted = text.replace("\\", "\\\\").replace('"', '\\"')
        return self.command(f'-interpreter-exec console "{quoted}"')

    def wait_for_stop(self):
        lines = self.read_until(lambda line: line.startswith("*stopped"))
        return lines[-1]

    def close(self):
        try:
            self.console("kill")
        except MiError:
            pass
        self.process.kill()
        self.process.wait()

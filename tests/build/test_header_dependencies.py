"""Builds that are never stale: after a header changes, make rebuilds every object whose source
includes it, for the kernel, the user library, the user programs and the host tests.

The check asks make itself: `make -n -W HEADER TARGETS` lists what make would run if HEADER had
just been edited (GNU make's "what if"), using the dependency files of the current build. The
expected set comes from the sources, independently of those files: every source that names the
header in an #include must be compiled again. (User programs see user/lib/include and libk/abi as
system folders; with -MMD instead of -MD their dependency files left those headers out, and a new
system call reached programs compiled against the old numbering.)

Needs a finished build (make test builds one first); BUILD names another build folder.
"""
import os
import re
import subprocess
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BUILD = os.environ.get("BUILD", "build")
SOURCE_FOLDERS = ["boot", "arch", "kernel", "libk", "user", "tests/kernel", "tests/host"]
SOURCE_ENDINGS = (".c", ".cpp")
# Headers whose change must reach their includers; each is named in the ways sources include it.
HEADERS = {
    "libk/abi/system_calls.h": ["libk/abi/system_calls.h"],
    "user/lib/include/pthread.h": ["pthread.h"],
    "user/lib/include/stdio.h": ["stdio.h"],
    "kernel/sched/thread.h": ["kernel/sched/thread.h"],
    "libk/string.h": ["libk/string.h"],
}
# Sources `make all` and the host tests do not build: the demos' Linux builds (host-demos).
NOT_BUILT = re.compile(r"^user/demos/.*/host_|^user/demos/host")


def sources():
    for folder in SOURCE_FOLDERS:
        for directory, _, names in os.walk(os.path.join(ROOT, folder)):
            for name in names:
                if name.endswith(SOURCE_ENDINGS):
                    path = os.path.relpath(os.path.join(directory, name), ROOT)
                    if not NOT_BUILT.search(path):
                        yield path


def includers(spellings):
    pattern = re.compile(r'^\s*#\s*include\s*[<"](%s)[>"]' % "|".join(map(re.escape, spellings)),
                         re.MULTILINE)
    found = set()
    for path in sources():
        with open(os.path.join(ROOT, path), encoding="utf-8", errors="replace") as stream:
            if pattern.search(stream.read()):
                found.add(path)
    return found


def would_compile(header):
    """The sources make would compile again if `header` had just changed."""
    targets = ["all", f"{BUILD}/host-tests"]
    result = subprocess.run(["make", "-n", "-W", header, f"BUILD={BUILD}", *targets], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"make -n -W {header} failed:\n{result.stderr[-2000:]}")
    compiled = set()
    for line in result.stdout.splitlines():
        found = re.search(r"\s-c\s+(\S+\.(?:c|cpp))\b", line)
        if found:
            compiled.add(os.path.normpath(found.group(1)))
    return compiled


class HeaderChangesReachEveryIncluder(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.isdir(os.path.join(ROOT, BUILD, "user")) or \
                not os.path.exists(os.path.join(ROOT, BUILD, "host-tests")):
            raise AssertionError(f"no finished build in {BUILD}/ (run make and "
                                 f"make {BUILD}/host-tests first)")

    def check(self, header):
        expected = includers(HEADERS[header])
        self.assertTrue(expected, f"nothing includes {header}: the list of headers is out of date")
        missing = sorted(expected - would_compile(header))
        self.assertEqual(missing, [], f"{header} changed, but make would not recompile these")

    def test_system_call_numbers_reach_kernel_library_programs_and_tests(self):
        self.check("libk/abi/system_calls.h")

    def test_a_library_header_reaches_the_programs(self):
        self.check("user/lib/include/pthread.h")
        self.check("user/lib/include/stdio.h")

    def test_a_kernel_header_reaches_the_kernel_and_its_tests(self):
        self.check("kernel/sched/thread.h")

    def test_a_shared_libk_header_reaches_kernel_library_and_host_tests(self):
        self.check("libk/string.h")


if __name__ == "__main__":
    unittest.main()

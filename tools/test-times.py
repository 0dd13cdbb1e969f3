#!/usr/bin/env python3
"""Where the time of `make test` went: reads the NAME.time files (milliseconds) that the kernel and
user test runners write, and phases.txt (one "phase seconds" line per phase of run-tests.sh),
writes them all as JSON, and prints the ten slowest tests.

    tools/test-times.py build/test-results build/test-times.json
"""
import json
import pathlib
import sys


def main():
    results, output = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    tests = {}
    for path in sorted(results.glob("*.time")):
        text = path.read_text().strip()
        if text.isdigit():
            tests[path.name[: -len(".time")]] = int(text)
    phases = {}
    phases_file = results / "phases.txt"
    if phases_file.exists():
        for line in phases_file.read_text().splitlines():
            name, _, seconds = line.rpartition(" ")
            if name and seconds.isdigit():
                phases[name] = int(seconds)
    output.write_text(json.dumps({"tests_ms": tests, "phases_s": phases}, indent=2) + "\n")
    slowest = sorted(tests.items(), key=lambda item: item[1], reverse=True)[:10]
    if slowest:
        print("slowest tests (whole list in %s):" % output)
        for name, milliseconds in slowest:
            print("  %6.1f s  %s" % (milliseconds / 1000, name))
    if phases:
        print("phases: " + ", ".join("%s %d s" % item for item in phases.items()))


if __name__ == "__main__":
    main()

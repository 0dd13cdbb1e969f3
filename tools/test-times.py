#!/usr/bin/env python3
"""Where the time of `make test` went, and the order of the next run's jobs.

    tools/test-times.py RESULTS OUTPUT.json    write OUTPUT.json and print the ten slowest tests
    tools/test-times.py --order OUTPUT.json    read job lines on stdin, print them longest first

The first form reads the NAME.time files (milliseconds) that the test runners write, phases.txt
(one "phase seconds" line per phase of run-tests.sh) and job-times.txt (one "milliseconds job..."
line per job of the pool, tools/run-test-job.sh), and writes them all as JSON. The second puts
the jobs of a run in the order that keeps every core busy to the end: the longest first, by
their times in the last run; a job that has no time yet (new, or renamed) goes first, and jobs
keep their given order among equals.
"""
import json
import pathlib
import sys


def read_pairs(path, number_first):
    """Lines "name number" (or "number name") as a dict; unreadable lines are skipped."""
    pairs = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if number_first:
                number, _, name = line.partition(" ")
            else:
                name, _, number = line.rpartition(" ")
            if name and number.isdigit():
                pairs[name] = int(number)
    return pairs


def write_times(results, output):
    tests = {}
    for path in sorted(results.glob("*.time")):
        text = path.read_text().strip()
        if text.isdigit():
            tests[path.name[: -len(".time")]] = int(text)
    phases = read_pairs(results / "phases.txt", number_first=False)
    jobs = read_pairs(results / "job-times.txt", number_first=True)
    output.write_text(json.dumps({"tests_ms": tests, "phases_s": phases, "jobs_ms": jobs},
                                 indent=2) + "\n")
    slowest = sorted(tests.items(), key=lambda item: item[1], reverse=True)[:10]
    if slowest:
        print("slowest tests (whole list in %s):" % output)
        for name, milliseconds in slowest:
            print("  %6.1f s  %s" % (milliseconds / 1000, name))
    if phases:
        print("phases: " + ", ".join("%s %d s" % item for item in phases.items()))


def order_jobs(times_file, lines):
    try:
        previous = json.loads(times_file.read_text()).get("jobs_ms", {})
    except (OSError, ValueError):
        previous = {}
    unknown = float("inf")
    # sorted() is stable: equal estimates keep the order they were given in.
    return sorted(lines, key=lambda job: -previous.get(job, unknown))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--order":
        lines = [line.rstrip("\n") for line in sys.stdin if line.strip()]
        for job in order_jobs(pathlib.Path(sys.argv[2]), lines):
            print(job)
        return
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write_times(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))


if __name__ == "__main__":
    main()

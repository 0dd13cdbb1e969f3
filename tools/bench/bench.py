#!/usr/bin/env python3
"""`make bench`: boots the kernel with its benchmarks, reads their results from the serial log,
prints a table and writes build/bench.json. docs/performance.md explains the method.

    tools/bench/bench.py                          every benchmark, both clocks
    tools/bench/bench.py --select mutex,yield     only these (names or their beginnings)
    tools/bench/bench.py --samples 201            fewer samples per benchmark
    tools/bench/bench.py --clocks cycles          one boot only

Each clock is one boot of the same ISO. "cycles": the TSC as QEMU's TCG gives it, which follows
the host's clock, so the figures are the host time the emulation took. "instructions": under
-icount shift=0 QEMU advances the TSC by one per guest instruction, so the same benchmarks count
the instructions executed, which is exact and repeatable.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

from bench_log import LogError, parse_log
from bench_report import format_table, frequency_note, merge_results, tick_note

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def command_line_maximum():
    """How many characters of its command line the kernel keeps (it refuses a value that the cut
    would shorten): CommandLine::MAXIMUM_LENGTH, read from the header so the two never differ."""
    header = os.path.join(ROOT, "kernel", "boot_info", "command_line.h")
    with open(header, encoding="utf-8") as stream:
        found = re.search(r"MAXIMUM_LENGTH = (\d+);", stream.read())
    if found is None:
        raise SystemExit(f"bench: no MAXIMUM_LENGTH in {header}")
    return int(found.group(1))

CLOCKS = {
    "cycles": {"qemu": [], "meaning": "TSC cycles under QEMU TCG: host time of the emulation"},
    "instructions": {"qemu": ["-icount", "shift=0"],
                     "meaning": "guest instructions: QEMU -icount shift=0 makes the TSC count them"},
}
EXIT_SUCCESS = 33  # the kernel wrote 0x10 to isa-debug-exit; QEMU exits with (0x10 << 1) | 1


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", default="all", help="benchmark names or beginnings, comma-separated")
    parser.add_argument("--samples", type=int, help="samples per benchmark (kernel default 2001)")
    parser.add_argument("--clocks", default="cycles,instructions", help="cycles, instructions or both")
    parser.add_argument("--output", default="build/bench.json")
    parser.add_argument("--work", default="build/bench", help="folder for the ISO and serial logs")
    parser.add_argument("--build", default=os.environ.get("BUILD", "build"))
    parser.add_argument("--qemu", default="qemu-system-i386")
    parser.add_argument("--cpu", help="QEMU CPU model (default: tools/qemu-cpu.sh's)")
    parser.add_argument("--memory", default="128M")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per boot")
    options = parser.parse_args()
    if options.cpu is None:
        options.cpu = subprocess.run([os.path.join(ROOT, "tools", "qemu-cpu.sh")], check=True,
                                     capture_output=True, text=True).stdout.strip()
    options.clocks = [clock.strip() for clock in options.clocks.split(",") if clock.strip()]
    for clock in options.clocks:
        if clock not in CLOCKS:
            parser.error(f"unknown clock '{clock}' (cycles or instructions)")
    return options


def command_line(options):
    words = [f"bench={options.select}"]
    if options.samples is not None:
        words.append(f"bench_samples={options.samples}")
    return " ".join(words)


def make_iso(options, iso, line):
    environment = dict(os.environ, BUILD=options.build)
    subprocess.run([os.path.join(ROOT, "tools", "make-iso.sh"), iso, line], check=True,
                   cwd=ROOT, env=environment)


def boot(options, iso, clock):
    """Boots once; returns (QEMU exit status, serial log path). 124 means it timed out."""
    log = os.path.join(options.work, f"serial-{clock}.log")
    if os.path.exists(log):
        os.remove(log)
    command = [options.qemu, "-m", options.memory, "-accel", "tcg", "-cpu", options.cpu,
               *CLOCKS[clock]["qemu"],
               "-no-reboot", "-boot", "d", "-display", "none", "-cdrom", iso,
               "-serial", f"file:{log}", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    try:
        status = subprocess.run(command, stdin=subprocess.DEVNULL, timeout=options.timeout,
                                cwd=ROOT).returncode
    except subprocess.TimeoutExpired:
        status = 124
    return status, log


def read_lines(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            return stream.read().replace("\r", "").splitlines()
    except FileNotFoundError:
        return []


def machine():
    cpu = platform.processor() or platform.machine()
    for line in read_lines("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return cpu


def qemu_version(qemu):
    try:
        output = subprocess.run([qemu, "--version"], capture_output=True, text=True).stdout
    except OSError:
        return "unknown"
    return output.splitlines()[0] if output else "unknown"


def commit():
    def git(*words):
        return subprocess.run(["git", *words], capture_output=True, text=True, cwd=ROOT).stdout
    revision = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    return revision + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def run_clock(options, iso, clock):
    """Boots with one clock; returns its Run, or None after explaining what went wrong."""
    print(f"bench: booting for {clock} ({CLOCKS[clock]['meaning']})", flush=True)
    status, log = boot(options, iso, clock)
    lines = read_lines(log)
    try:
        run = parse_log(lines)
    except LogError as error:
        print(f"bench: {error}\nbench: the end of {log}:", file=sys.stderr)
        print("\n".join(lines[-5:]), file=sys.stderr)
        return None
    for skipped in run.skipped:
        print(f"bench: {skipped.get('name')} was skipped: {skipped.get('reason')}", file=sys.stderr)
    if status != EXIT_SUCCESS or not run.complete or run.skipped:
        why = "no result within the time limit" if status == 124 else f"QEMU exit status {status}"
        print(f"bench: the {clock} run failed ({why}); the end of {log}:", file=sys.stderr)
        print("\n".join(lines[-25:]), file=sys.stderr)
        return None
    return run


def report(options, runs, line):
    benchmarks = merge_results(runs)
    first = next(iter(runs.values()))
    hz = first.begin.get("hz")
    document = {
        "format": 1,
        "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "commit": commit(),
        "machine": {"host_cpu": machine(), "host_logical_cpus": os.cpu_count(),
                    "qemu": qemu_version(options.qemu), "accelerator": "tcg",
                    "guest_cpu": options.cpu, "guest_memory": options.memory},
        "kernel_command_line": line,
        "timer_hz": hz,
        "clocks": {clock: {"meaning": CLOCKS[clock]["meaning"],
                           "qemu_options": CLOCKS[clock]["qemu"],
                           "samples": runs[clock].begin.get("samples")} for clock in runs},
        "benchmarks": benchmarks,
    }
    os.makedirs(os.path.dirname(os.path.abspath(options.output)), exist_ok=True)
    with open(options.output, "w", encoding="utf-8") as stream:
        json.dump(document, stream, indent=2)
        stream.write("\n")
    print()
    print(format_table(benchmarks, list(runs)))
    print()
    notes = [tick_note(benchmarks, clock, hz) for clock in runs] + [frequency_note(benchmarks, hz)]
    for note in filter(None, notes):
        print(note)
    print(f"Figures are per operation, with the cost of reading the TSC taken off. "
          f"Written to {options.output}.")


def main():
    options = arguments()
    os.makedirs(options.work, exist_ok=True)
    iso = os.path.join(options.work, "bench.iso")
    line = command_line(options)
    maximum = command_line_maximum()
    if len(line) > maximum:
        print(f"bench: the kernel command line \"{line[:60]}...\" would be {len(line)} characters; "
              f"the kernel keeps {maximum}. Select fewer benchmarks, or by their "
              f"beginnings (BENCH=user_share runs every user_share_* one).", file=sys.stderr)
        return 2
    make_iso(options, iso, line)
    runs = {}
    for clock in options.clocks:
        run = run_clock(options, iso, clock)
        if run is None:
            return 1
        runs[clock] = run
    report(options, runs, line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""How long a student waits: wall time from typing `make run` to the shell prompt, after an edit.

    tools/bench/boot_to_prompt.py                 every case, 5 runs each
    tools/bench/boot_to_prompt.py --runs 9 kernel  one case

Cases (each runs `make run NOGRAPHIC=1` and stops at the first "$ " prompt on the serial port):
    unchanged   nothing edited: make finds everything up to date, QEMU boots
    kernel      one kernel source file touched first (rebuilt, relinked, new ISO)
    user        one user program touched first (rebuilt, new initrd, new ISO)
    qemu        QEMU alone on the ISO that make run boots: start to prompt, no make
Prints the median and the spread of each case. Use it on an idle machine.
"""
import argparse
import os
import select
import signal
import statistics
import subprocess
import sys
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TOUCHED = {"kernel": "kernel/sched/scheduler.cpp", "user": "user/bin/hello.c"}
PROMPT = b"\n$ "


def wait_for_prompt(command, limit):
    """Starts `command`; returns seconds until the prompt appears on its output, or None."""
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    seen = b""
    try:
        while time.monotonic() - start < limit:
            ready, _, _ = select.select([process.stdout], [], [], 0.02)
            if not ready:
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                return None
            seen = seen[-64:] + chunk
            if PROMPT in seen:
                return time.monotonic() - start
        return None
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def qemu_command():
    cpu = subprocess.run(["tools/qemu-cpu.sh"], cwd=ROOT, capture_output=True,
                         text=True).stdout.strip()
    return ["qemu-system-i386", "-m", "128M", "-accel", "tcg", "-cpu", cpu, "-no-reboot",
            "-boot", "d", "-cdrom", "build/os.iso", "-display", "none", "-serial", "stdio"]


def one_run(case, limit):
    if case == "qemu":
        return wait_for_prompt(qemu_command(), limit)
    if case in TOUCHED:
        os.utime(os.path.join(ROOT, TOUCHED[case]))
    return wait_for_prompt(["make", "run", "NOGRAPHIC=1"], limit)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*", default=["qemu", "unchanged", "kernel", "user"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, default=120.0, help="seconds before a run fails")
    options = parser.parse_args()
    for case in options.cases:
        if case not in ("qemu", "unchanged", *TOUCHED):
            parser.error(f"unknown case '{case}'")
    # Everything built once, so the first run of a case measures that case only.
    subprocess.run(["make", "-s", "all"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    failed = False
    for case in options.cases:
        times = []
        for _ in range(options.runs):
            seconds = one_run(case, options.limit)
            if seconds is None:
                print(f"{case}: no prompt within {options.limit:.0f} s", file=sys.stderr)
                failed = True
                break
            times.append(seconds)
        if times:
            what = f" (touched {TOUCHED[case]})" if case in TOUCHED else ""
            print(f"{case:10} median {statistics.median(times):5.2f} s   "
                  f"min {min(times):5.2f}  max {max(times):5.2f}  runs {len(times)}{what}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

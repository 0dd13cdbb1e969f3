#!/usr/bin/env python3
"""Runs the system-call fuzzer (/fuzz/fuzz, user/fuzz/) in QEMU, one boot per seed, and says
what happened to each: PASS, or FAIL with the reason (a panic, a hang, a leak, a result outside
the contract) and the one command that repeats that run. docs/fuzzing.md explains it.

    tools/fuzz/fuzz.py --seed 2000 --runs 24 --calls 45000        (make fuzz SEED=... RUNS=...)
    tools/fuzz/fuzz.py --replay tests/fuzz/seeds                  (the seeds that once found a bug)

Every boot uses the one test ISO (build/test.iso) and gets its command line through QEMU's
fw_cfg: syscall_log=on (a panic report ends with the last system calls), self_check=on (the
fuzzer may ask the kernel to check itself), test-exit=fuzz (QEMU exits with the verdict when the
fuzzer ends), run=/fuzz/fuzz with the seed and sizes. A boot that prints nothing for --silence
seconds has hung: the driver asks for the thread dump (Ctrl-T), then stops QEMU.
"""
import argparse
import json
import os
import re
import select
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THREAD_DUMP_KEY = b"\x14"  # Ctrl-T (kernel/sched/thread_dump_key.h)
PASS_STATUS = 33  # isa-debug-exit: (0x10 << 1) | 1 after "TEST PASS"


def qemu_cpu():
    return subprocess.run([str(ROOT / "tools/qemu-cpu.sh")], capture_output=True, text=True,
                          check=True).stdout.strip()


def command_line(run):
    words = f"--seed {run['seed']} --calls {run['calls']} --processes {run['processes']} " \
            f"--threads {run['threads']}"
    return f"syscall_log=on self_check=on test-exit=fuzz run=/fuzz/fuzz {words}"


def reproduce_command(run):
    return (f"make fuzz SEED={run['seed']} CALLS={run['calls']} RUNS=1 "
            f"PROCESSES={run['processes']} THREADS={run['threads']}")


def boot(run, iso, log_path, silence, cpu):
    """One QEMU boot; returns (exit status or None for a hang, the serial log as text)."""
    words = command_line(run).replace(",", ",,")
    qemu = subprocess.Popen(
        ["qemu-system-i386", "-m", "128M", "-accel", "tcg", "-cpu", cpu, "-no-reboot",
         "-boot", "d", "-display", "none", "-cdrom", str(iso),
         "-chardev", "stdio,id=serial,signal=off", "-serial", "chardev:serial",
         "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
         "-fw_cfg", f"name=opt/teaching-kernel/command-line,string={words}"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = bytearray()
    last_output = time.monotonic()
    asked_for_dump = None
    hung = False
    while True:
        ready, _, _ = select.select([qemu.stdout], [], [], 0.5)
        if ready:
            chunk = os.read(qemu.stdout.fileno(), 65536)
            if not chunk:
                break
            output.extend(chunk)
            last_output = time.monotonic()
            continue
        quiet = time.monotonic() - last_output
        if asked_for_dump is None and quiet >= silence:
            asked_for_dump = time.monotonic()
            try:
                qemu.stdin.write(THREAD_DUMP_KEY)
                qemu.stdin.flush()
            except OSError:
                pass
        elif asked_for_dump is not None and time.monotonic() - asked_for_dump >= 3:
            hung = True
            qemu.kill()
            break
    status = qemu.wait()
    text = output.decode("utf-8", "replace").replace("\r", "")
    Path(log_path).write_text(text)
    return (None if hung else status), text


def judge(status, text):
    """The verdict of one boot: (kind, reason); kind is PASS, PANIC, HANG, LEAK, CONTRACT or FAIL."""
    if status is None:
        return "HANG", "no output for the silence limit (the thread dump is in the log)"
    if "PANIC:" in text:
        line = next(l for l in text.splitlines() if "PANIC:" in l)
        line = re.sub(r"\x1b\[[0-9;]*m", "", line).strip()
        return "PANIC", line[line.index("PANIC:") + len("PANIC:"):].strip()
    if "CONTRACT BROKEN" in text:
        return "CONTRACT", re.search(r"CONTRACT BROKEN.*", text).group(0)
    if "fuzz: LEAK" in text:
        return "LEAK", re.search(r"fuzz: LEAK.*", text).group(0)
    if status == PASS_STATUS and re.search(r"^fuzz: PASS ", text, re.M):
        return "PASS", ""
    reason = re.search(r"^fuzz: (VIOLATION|FAIL).*", text, re.M)
    return "FAIL", reason.group(0) if reason else f"QEMU status {status}, no verdict line"


def calls_made(text):
    return sum(int(m) for m in re.findall(r"^fuzz: worker \d+: (\d+) calls", text, re.M))


def run_one(run, iso, log_folder, silence, cpu):
    log_path = log_folder / f"seed-{run['seed']}.log"
    started = time.monotonic()
    status, text = boot(run, iso, log_path, silence, cpu)
    kind, reason = judge(status, text)
    return {**run, "verdict": kind, "reason": reason, "calls_made": calls_made(text),
            "seconds": round(time.monotonic() - started, 1), "log": str(log_path)}


def print_failure(result):
    print(f"FAIL  seed {result['seed']}: {result['verdict']}: {result['reason']}")
    text = Path(result["log"]).read_text()
    # The panic report with the last system calls, the thread dump of a hang, or the violations.
    start = text.find("PANIC:")
    if start < 0:
        start = max(0, len(text) - 4000)
    print("---- end of the serial log " + "-" * 60)
    print(re.sub(r"\x1b\[[0-9;]*m", "", text[start:start + 6000]).rstrip())
    print("-" * 87)
    print(f"  seed {result['seed']}; the whole log: {result['log']}")
    print(f"  to repeat it:  {reproduce_command(result)}")


def read_seed_file(path):
    """Lines "SEED CALLS [PROCESSES THREADS]  # what it found"."""
    runs = []
    for line in Path(path).read_text().splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            numbers = [int(field) for field in fields]
            runs.append({"seed": numbers[0], "calls": numbers[1],
                         "processes": numbers[2] if len(numbers) > 2 else 3,
                         "threads": numbers[3] if len(numbers) > 3 else 3})
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="the first seed")
    parser.add_argument("--runs", type=int, default=1, help="boots, with seeds seed, seed+1, ...")
    parser.add_argument("--calls", type=int, default=20000, help="system calls per boot")
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--replay", help="a file of seeds to run instead (tests/fuzz/seeds)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--silence", type=float, default=60, help="seconds without output: hang")
    parser.add_argument("--build", default=os.environ.get("BUILD", "build"))
    parser.add_argument("--json", help="write every run's result here")
    arguments = parser.parse_args()

    build = ROOT / arguments.build
    iso = build / "test.iso"
    if not iso.exists():
        sys.exit(f"fuzz: {iso} is missing: run make first")
    log_folder = build / "fuzz"
    log_folder.mkdir(parents=True, exist_ok=True)
    if arguments.replay:
        runs = read_seed_file(arguments.replay)
    else:
        runs = [{"seed": arguments.seed + i, "calls": arguments.calls,
                 "processes": arguments.processes, "threads": arguments.threads}
                for i in range(arguments.runs)]
    cpu = qemu_cpu()
    started = time.monotonic()
    results = []
    with ThreadPoolExecutor(max_workers=max(1, arguments.jobs)) as pool:
        futures = [pool.submit(run_one, run, iso, log_folder, arguments.silence, cpu)
                   for run in runs]
        for future in futures:
            result = future.result()
            results.append(result)
            if result["verdict"] == "PASS":
                print(f"PASS  seed {result['seed']}: {result['calls_made']} calls, "
                      f"{result['seconds']} s")
            else:
                print_failure(result)
            sys.stdout.flush()
    wall = time.monotonic() - started
    counts = {kind: sum(1 for r in results if r["verdict"] == kind)
              for kind in ("PASS", "PANIC", "HANG", "LEAK", "CONTRACT", "FAIL")}
    total_calls = sum(r["calls_made"] for r in results)
    print(f"fuzz: {len(results)} runs ({len(set(r['seed'] for r in results))} seeds), "
          f"{total_calls} calls, {counts['PASS']} passed; panics {counts['PANIC']}, "
          f"hangs {counts['HANG']}, leaks {counts['LEAK']}, contract {counts['CONTRACT']}, "
          f"other failures {counts['FAIL']}; wall time {wall:.0f} s")
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(results, indent=1))
    sys.exit(0 if counts["PASS"] == len(results) else 1)


if __name__ == "__main__":
    main()

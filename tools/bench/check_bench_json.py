#!/usr/bin/env python3
"""Checks that a bench.json file written by `make bench` is whole: valid JSON, the machine and
clock descriptions present, every benchmark of the kernel and of /bench/suite measured with
every clock of the file, and each set of figures consistent (min <= p10 <= median <= p90 <= max,
samples > 0).
It never judges a figure's size: benchmarks are not tests.

    tools/bench/check_bench_json.py build/bench.json
"""
import json
import sys

KERNEL_BENCHMARKS = (
    "timestamp_read", "yield_switch", "mutex_uncontended", "semaphore_uncontended",
    "mutex_handoff", "semaphore_handoff", "semaphore_ping_pong", "thread_create_join",
    "timer_tick", "port_read", "yield_switch_100", "yield_switch_1000", "policy_pick_2", "policy_pick_100",
    "policy_pick_1000",
)
USER_BENCHMARKS = (
    "user_timestamp_read", "user_null_system_call", "user_thread_yield", "user_process_yield",
    "user_process_yield_20", "user_process_yield_60", "user_process_round_trip",
    "user_mutex_uncontended", "user_semaphore_uncontended", "user_mutex_handoff",
    "user_semaphore_handoff", "user_semaphore_ping_pong", "user_thread_create_join",
    "user_spawn_wait", "user_share_null_call_alone", "user_share_null_call_busy1",
    "user_share_null_call_busy4", "user_share_spawn_wait_alone", "user_share_spawn_wait_busy1",
    "user_share_spawn_wait_busy4", "user_share_sleep_wake_alone", "user_share_sleep_wake_busy1",
    "user_share_sleep_wake_busy4",
)


def problems_of(document):
    problems = []
    for key in ("format", "generated", "commit", "machine", "kernel_command_line", "timer_hz",
                "clocks", "benchmarks"):
        if key not in document:
            problems.append(f"no '{key}'")
    clocks = list(document.get("clocks", {}))
    if not clocks:
        problems.append("no clock")
    names = []
    for benchmark in document.get("benchmarks", []):
        name = benchmark.get("name", "?")
        names.append(name)
        for key in ("where", "per", "what"):
            if not isinstance(benchmark.get(key), str):
                problems.append(f"{name}: no '{key}'")
        for clock in clocks:
            figures = benchmark.get(clock)
            if not isinstance(figures, dict):
                problems.append(f"{name}: no {clock} figures")
                continue
            values = [figures.get(key) for key in ("min", "p10", "median", "p90", "max")]
            if not all(isinstance(value, int) and value >= 0 for value in values):
                problems.append(f"{name}: {clock} figures are not whole numbers: {figures}")
            elif values != sorted(values):
                problems.append(f"{name}: {clock} percentiles out of order: {figures}")
            if not isinstance(figures.get("samples"), int) or figures["samples"] <= 0:
                problems.append(f"{name}: {clock} has no samples")
    for name in KERNEL_BENCHMARKS + USER_BENCHMARKS:
        if name not in names:
            problems.append(f"benchmark {name} is missing")
    if len(set(names)) != len(names):
        problems.append("a benchmark appears twice")
    return problems


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "build/bench.json"
    try:
        with open(path, encoding="utf-8") as stream:
            document = json.load(stream)
    except (OSError, ValueError) as error:
        print(f"check_bench_json: {path}: {error}")
        return 1
    problems = problems_of(document)
    for problem in problems:
        print(f"check_bench_json: {path}: {problem}")
    if not problems:
        print(f"check_bench_json: {path}: {len(document['benchmarks'])} benchmarks, "
              f"clocks {', '.join(document['clocks'])}: whole")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

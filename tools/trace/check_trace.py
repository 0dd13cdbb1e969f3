#!/usr/bin/env python3
"""Checks a scheduling trace recorded by the kernel (docs/trace-format.md) the strict way, for
the test runner: the text is complete and undamaged, the converter's JSON parses and balances,
and what the trace shows obeys the rules the kernel promises.

    tools/trace/check_trace.py build/trace.txt [--json out.json] [--svg out.svg]

Exit status 0 and one summary line when every check holds; otherwise one line per problem.
"""
import argparse
import json
import sys

import convert
from trace_model import REQUIRED_KEYS, build_model, parse_trace
from trace_svg import render_svg

END_MARK = "# end of trace"


class Rules:
    """Replays the events and records every broken rule:
    - one CPU: a switch takes the CPU from the thread that has it;
    - a blocked thread does not run again before something wakes it;
    - a mutex has at most one owner, and only the owner releases it;
    - a semaphore used as a lock (every post by a holder) keeps holders + free keys constant."""

    def __init__(self):
        self.problems = []
        self.running = None
        self.blocked = {}          # tid -> object it blocked on
        self.mutex_owner = {}      # object -> tid
        self.semaphore_holders = {}  # object -> list of tids
        self.semaphore_keys = {}   # object -> holders + free keys, while it is used as a lock
        self.counts = {"switch": 0, "mutex_contended": 0, "semaphore_acquire": 0}

    def problem(self, event, text):
        self.problems.append(f"at {event.time} us ({event.kind}): {text}")

    def apply(self, event):
        if any(key not in event.fields for key in REQUIRED_KEYS.get(event.kind, ())):
            return  # counted as a problem by the model
        if event.kind in self.counts:
            self.counts[event.kind] += 1
        handler = getattr(self, "on_" + event.kind, None)
        if handler:
            handler(event, event.fields)

    def on_running(self, event, fields):
        self.running = fields["tid"]

    def on_switch(self, event, fields):
        if self.running is not None and fields["out"] != self.running:
            self.problem(event, f"thread {fields['out']} leaves the CPU, but {self.running} has it")
        if fields["in"] in self.blocked:
            self.problem(event, f"thread {fields['in']} runs while blocked on "
                                f"{self.blocked[fields['in']]}")
        self.running = fields["in"]

    def on_block(self, event, fields):
        if fields["tid"] != self.running:
            self.problem(event, f"thread {fields['tid']} blocks, but {self.running} is running")
        self.blocked[fields["tid"]] = fields["object"]

    def on_wake(self, event, fields):
        if self.blocked.pop(fields["tid"], None) != fields["object"]:
            self.problem(event, f"thread {fields['tid']} is woken from {fields['object']}, "
                                "which it did not block on")

    def on_mutex_acquire(self, event, fields):
        owner = self.mutex_owner.get(fields["object"])
        if owner is not None:
            self.problem(event, f"thread {fields['tid']} acquires {fields['object']}, "
                                f"which thread {owner} holds")
        self.mutex_owner[fields["object"]] = fields["tid"]

    def on_mutex_release(self, event, fields):
        owner = self.mutex_owner.pop(fields["object"], None)
        if owner != fields["tid"]:
            self.problem(event, f"thread {fields['tid']} releases {fields['object']}, "
                                f"which thread {owner} holds")

    def on_semaphore_wait(self, event, fields):
        self.semaphore_holders.setdefault(fields["object"], [])
        self.check_keys(event, fields)

    def on_semaphore_acquire(self, event, fields):
        holders = self.semaphore_holders.setdefault(fields["object"], [])
        holders.append(fields["tid"])
        self.check_keys(event, fields)

    def on_semaphore_post(self, event, fields):
        holders = self.semaphore_holders.setdefault(fields["object"], [])
        if fields["tid"] in holders:
            holders.remove(fields["tid"])
        else:  # a signal from a thread that holds no key: not used as a lock
            self.semaphore_keys[fields["object"]] = None
        if not fields.get("next"):  # a key handed to a waiter is counted at its acquire
            self.check_keys(event, fields)

    def check_keys(self, event, fields):
        identifier = fields["object"]
        total = len(self.semaphore_holders[identifier]) + fields.get("value", 0)
        known = self.semaphore_keys.setdefault(identifier, total)
        if known is not None and known != total:
            self.problem(event, f"{identifier}: {len(self.semaphore_holders[identifier])} "
                                f"holders and {fields.get('value')} free keys, but it has {known}")


def monotonic_tracks(trace):
    """Within each track (a thread), the spans of each kind (running, ready, sleeps, waits for,
    holds) begin in time order. (In the text itself, a line whose time goes back is skipped and
    reported by parse_trace.)"""
    problems = []
    last = {}
    for event in trace["traceEvents"]:
        if event.get("ph") not in ("X", "b"):
            continue
        kind = event.get("name", "").split(" ")[0]
        track = (event["pid"], event["tid"], event["ph"], kind)
        if event["ts"] < last.get(track, 0):
            problems.append(f"track {track[:2]}: {event['name']} at {event['ts']} goes back")
        last[track] = event["ts"]
    return problems


def check(text, json_path=None, svg_path=None, title="scheduling trace"):
    """Returns (problems, summary)."""
    lines = text.splitlines()
    events, skipped = parse_trace(lines)
    problems = [f"line {number}: {reason}" for number, reason in skipped]
    if not any(line.startswith(END_MARK) for line in lines):
        problems.append("the trace has no end line: it was cut short")
    model = build_model(events, len(skipped))
    if model.problem_count > len(skipped):
        problems.append(f"{model.problem_count - len(skipped)} events lack a required key")
    problems += [f"{count} events lost at {time} us" for time, count in model.lost]
    rules = Rules()
    for event in events:
        rules.apply(event)
    problems += rules.problems
    trace = json.loads(json.dumps(convert.chrome_trace(model)))  # what a viewer would load
    problems += convert.validate_chrome_trace(trace) + monotonic_tracks(trace)
    if rules.counts["switch"] == 0:
        problems.append("no thread switch in the trace")
    if json_path:
        with open(json_path, "w", encoding="utf-8") as output:
            json.dump(trace, output)
    if svg_path:
        with open(svg_path, "w", encoding="utf-8") as output:
            output.write(render_svg(model, title))
    summary = (f"{len(events)} events, {len(model.threads)} threads, "
               f"{rules.counts['switch']} switches, {rules.counts['mutex_contended']} contended "
               f"mutex locks, {rules.counts['semaphore_acquire']} semaphore keys taken")
    return problems, summary


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("--json")
    parser.add_argument("--svg")
    parser.add_argument("--title", default="scheduling trace")
    options = parser.parse_args(arguments)
    with open(options.input, encoding="utf-8", errors="replace") as stream:
        problems, summary = check(stream.read(), options.json, options.svg, options.title)
    for problem in problems[:20]:
        print(f"{options.input}: {problem}")
    if len(problems) > 20:
        print(f"... and {len(problems) - 20} more problems")
    print(f"trace check: {'FAILED' if problems else 'OK'}: {summary}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

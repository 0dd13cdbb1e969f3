#!/usr/bin/env python3
"""Turns the kernel's text scheduling trace (docs/trace-format.md) into a Chrome trace-event JSON
file (for Perfetto or chrome://tracing) and an SVG timeline.

    tools/trace/convert.py build/trace.txt --json build/trace.json --svg build/trace.svg

The input is treated as untrusted: damaged lines are skipped and counted, never fatal, and every
span that is still open when the trace ends is closed at the last time stamp.
"""
import argparse
import json
import sys

from trace_model import build_model, parse_trace
from trace_svg import render_svg


def span_name(model, kind, label):
    """The name and category of an async span: what a thread waits for or holds."""
    if kind == "ready":
        return "ready (waiting for the CPU)", "cpu"
    if kind == "waits for" and label.startswith("sleep"):
        return "sleeps", "sleep"
    if kind == "waits for" and label.startswith("join:"):
        return f"waits for thread {label[5:]} to end", "join"
    return f"{kind} {model.object_label(label)}", "lock"


def chrome_trace(model):
    """Chrome trace events: one track per thread, grouped by process; running time as complete
    ("X") events; readiness, waits and lock ownership as async spans, which may overlap."""
    events = []
    for pid, name in sorted(model.processes.items()):
        events.append({"ph": "M", "name": "process_name", "pid": pid, "tid": 0,
                       "args": {"name": f"{name} [{pid}]"}})
    for tid, thread in sorted(model.threads.items()):
        events.append({"ph": "M", "name": "thread_name", "pid": thread.pid, "tid": tid,
                       "args": {"name": f"{thread.name} ({tid})"}})
    for tid, thread in sorted(model.threads.items()):
        for span in thread.running:
            events.append({"ph": "X", "name": "running", "cat": "cpu", "pid": thread.pid,
                           "tid": tid, "ts": span.start, "dur": span.end - span.start,
                           "args": {"stopped because": span.label}})
    span_id = 0
    for tid, thread in sorted(model.threads.items()):
        for kind, spans in (("ready", thread.ready), ("waits for", thread.waiting),
                            ("holds", thread.holding)):
            for span in spans:
                span_id += 1
                name, category = span_name(model, kind, span.label)
                common = {"name": name, "cat": category, "id": span_id, "pid": thread.pid,
                          "tid": tid}
                events.append(dict(common, ph="b", ts=span.start))
                events.append(dict(common, ph="e", ts=span.end))
    return {"traceEvents": events, "displayTimeUnit": "ms",
            "otherData": {"skipped lines": model.problem_count, "events": model.event_count}}


def validate_chrome_trace(trace):
    """Returns a list of problems: every async begin has one end, end >= begin, complete events
    have a non-negative duration, and each thread's running spans do not go back in time."""
    problems = []
    open_spans = {}
    last_running_end = {}
    for event in trace["traceEvents"]:
        phase = event.get("ph")
        if phase == "b":
            open_spans[event["id"]] = event["ts"]
        elif phase == "e":
            start = open_spans.pop(event["id"], None)
            if start is None:
                problems.append(f"span {event['id']} ends without a begin")
            elif event["ts"] < start:
                problems.append(f"span {event['id']} ends before it begins")
        elif phase == "X":
            if event["dur"] < 0:
                problems.append(f"negative duration on thread {event['tid']}")
            track = (event["pid"], event["tid"])
            if event["ts"] < last_running_end.get(track, 0):
                problems.append(f"thread {event['tid']} runs twice at once at {event['ts']}")
            last_running_end[track] = event["ts"] + event["dur"]
    problems += [f"span {span} never ends" for span in open_spans]
    return problems


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="text trace written by the kernel")
    parser.add_argument("--json", help="where to write the Chrome trace JSON")
    parser.add_argument("--svg", help="where to write the SVG timeline")
    parser.add_argument("--title", default="scheduling trace")
    options = parser.parse_args(arguments)

    with open(options.input, encoding="utf-8", errors="replace") as stream:
        events, problems = parse_trace(stream)
    for line_number, reason in problems[:10]:
        print(f"{options.input}:{line_number}: skipped: {reason}", file=sys.stderr)
    if len(problems) > 10:
        print(f"... and {len(problems) - 10} more skipped lines", file=sys.stderr)
    model = build_model(events, len(problems))
    if not model.threads:
        print(f"{options.input}: no thread activity in the trace", file=sys.stderr)
        return 1

    trace = chrome_trace(model)
    invalid = validate_chrome_trace(trace)
    if invalid:
        print("invalid trace produced:\n  " + "\n  ".join(invalid), file=sys.stderr)
        return 1
    if options.json:
        with open(options.json, "w", encoding="utf-8") as output:
            json.dump(trace, output, indent=0)
    if options.svg:
        with open(options.svg, "w", encoding="utf-8") as output:
            output.write(render_svg(model, options.title))
    print(f"trace: {model.event_count} events, {len(model.threads)} threads, "
          f"{len(model.processes)} processes, {len(problems)} lines skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Host tests of the trace tools on traces the kernel really recorded (the kernel tests
trace_restroom and trace_kitchen, run with `make trace`), and of tools/trace/check_trace.py, the
strict check the test runner applies: it accepts the recorded traces and finds each kind of
broken rule in a damaged copy."""
import json
import os
import sys
import unittest
import xml.etree.ElementTree as ElementTree

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "trace"))

import check_trace  # noqa: E402
import convert  # noqa: E402
from trace_model import build_model, parse_trace  # noqa: E402
from trace_svg import render_svg  # noqa: E402


def recorded(name):
    with open(os.path.join(HERE, f"recorded_{name}.txt"), encoding="utf-8") as stream:
        return stream.read()


def problems_of(text):
    return check_trace.check(text)[0]


def replace_line(text, starting_with, replacement):
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines)
                 if line.split(" ", 1)[-1].startswith(starting_with))
    lines[index] = replacement(lines[index])
    return "\n".join(lines) + "\n"


class RecordedTraces(unittest.TestCase):
    def test_recorded_traces_pass_the_strict_check(self):
        for name in ("restroom", "kitchen"):
            with self.subTest(name):
                problems, summary = check_trace.check(recorded(name))
                self.assertEqual(problems, [])
                self.assertIn("switches", summary)

    def test_restroom_model(self):
        model = build_model(parse_trace(recorded("restroom").splitlines())[0])
        workers = {tid: t for tid, t in model.threads.items() if t.name.startswith("worker")}
        self.assertEqual(len(workers), 4)
        self.assertEqual(model.object_names["mutex:1"], "restroom")
        for thread in workers.values():
            self.assertEqual(len(thread.holding), 3)  # three visits each
            self.assertTrue(all(not span.cut for span in thread.holding))
        holds = sorted((s.start, s.end) for t in workers.values() for s in t.holding)
        for (_, end), (start, _) in zip(holds, holds[1:]):
            self.assertLessEqual(end, start)  # never two inside
        self.assertTrue(any(wake.object == "mutex:1" for wake in model.wakes))

    def test_threads_listed_at_the_start_keep_their_state(self):
        model = build_model(parse_trace(recorded("restroom").splitlines())[0])
        reaper = next(t for t in model.threads.values() if t.name == "reaper")
        self.assertEqual(reaper.ready, [])  # blocked all along: never waiting for the CPU
        boot = next(t for t in model.threads.values() if t.name == "boot")
        self.assertGreater(len(boot.running), 0)  # from the "running" line on

    def test_svg_of_a_recorded_trace(self):
        model = build_model(parse_trace(recorded("kitchen").splitlines())[0])
        svg = render_svg(model, "kitchen")
        root = ElementTree.fromstring(svg)
        self.assertTrue(root.tag.endswith("svg"))
        self.assertIn("process 0: kernel", svg)
        self.assertIn("cook-1 (4)", svg)
        self.assertIn("Not drawn (no activity in the trace): reaper (2)", svg)

    def test_chrome_trace_has_ready_spans(self):
        model = build_model(parse_trace(recorded("kitchen").splitlines())[0])
        trace = convert.chrome_trace(model)
        names = {event["name"] for event in trace["traceEvents"] if event["ph"] == "b"}
        self.assertIn("ready (waiting for the CPU)", names)
        self.assertIn("sleeps", names)
        self.assertIn("holds kitchen (semaphore:1)", names)
        self.assertEqual(convert.validate_chrome_trace(json.loads(json.dumps(trace))), [])


class BrokenRules(unittest.TestCase):
    def test_second_holder_of_a_mutex(self):
        text = recorded("restroom")
        # worker-2 (5) takes the restroom while worker-1 (4) still holds it.
        text = replace_line(text, "mutex_contended tid=5",
                            lambda line: line.split()[0] + " mutex_acquire tid=5 object=mutex:1")
        self.assertTrue(any("which thread 4 holds" in p for p in problems_of(text)))

    def test_switch_away_from_a_thread_that_is_not_running(self):
        text = replace_line(recorded("restroom"), "switch out=1 ",
                            lambda line: line.replace("out=1", "out=6"))
        self.assertTrue(any("leaves the CPU" in p for p in problems_of(text)))

    def test_blocked_thread_must_not_run(self):
        lines = recorded("restroom").splitlines()
        wake = next(i for i, line in enumerate(lines) if " wake tid=5 object=mutex:1" in line)
        del lines[wake]
        self.assertTrue(any("runs while blocked" in p for p in problems_of("\n".join(lines))))

    def test_semaphore_keys_are_conserved(self):
        text = replace_line(recorded("kitchen"), "semaphore_acquire tid=5",
                            lambda line: line.replace("value=0", "value=1"))
        self.assertTrue(any("free keys" in p for p in problems_of(text)))

    def test_cut_trace_is_reported(self):
        lines = recorded("kitchen").splitlines()[:60]
        problems = problems_of("\n".join(lines))
        self.assertIn("the trace has no end line: it was cut short", problems)

    def test_lost_events_are_reported_and_close_open_spans(self):
        lines = recorded("restroom").splitlines()
        middle = len(lines) // 2
        time = lines[middle].split()[0]
        lines.insert(middle + 1, f"{time} trace_lost count=12")
        text = "\n".join(lines)
        self.assertTrue(any("12 events lost" in p for p in problems_of(text)))
        model = build_model(parse_trace(lines)[0])
        self.assertEqual(model.lost, [(int(time), 12)])
        self.assertTrue(any(span.label == "events lost" for t in model.threads.values()
                            for span in t.running))
        self.assertIn("12 events lost", render_svg(model, "lost"))

    def test_time_going_back_is_reported(self):
        lines = recorded("restroom").splitlines()
        lines.insert(40, "5 switch out=1 in=4 reason=blocked")
        self.assertTrue(any("goes back" in p for p in problems_of("\n".join(lines))))

    def test_damaged_line_is_reported(self):
        text = recorded("kitchen").replace("switch out=", "switch out=x", 1)
        self.assertTrue(any("is not a number" in p for p in problems_of(text)))


class NewerKeys(unittest.TestCase):
    def test_negative_exit_status(self):
        events, problems = parse_trace(["10 process_exit pid=3 status=-11"])
        self.assertEqual(problems, [])
        self.assertEqual(events[0].fields["status"], -11)


if __name__ == "__main__":
    unittest.main()

"""Host tests of the trace converter (tools/trace/) on recorded and damaged traces."""
import json
import os
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "trace"))

import convert  # noqa: E402
from trace_model import build_model, parse_trace  # noqa: E402

SAMPLE = os.path.join(HERE, "sample_restroom.txt")


def sample_lines():
    with open(SAMPLE, encoding="utf-8") as stream:
        return stream.read().splitlines()


def convert_lines(lines):
    events, problems = parse_trace(lines)
    model = build_model(events, len(problems))
    return model, problems, convert.chrome_trace(model)


class WellFormedTrace(unittest.TestCase):
    def setUp(self):
        self.model, self.problems, self.trace = convert_lines(sample_lines())

    def test_nothing_skipped(self):
        self.assertEqual(self.problems, [])

    def test_threads_are_grouped_by_process(self):
        self.assertEqual(self.model.processes[1], "restroom")
        self.assertEqual({tid: t.pid for tid, t in self.model.threads.items()},
                         {0: 0, 1: 1, 2: 1, 3: 1})

    def test_running_spans_follow_switches(self):
        worker = self.model.threads[2]
        self.assertEqual([(s.start, s.end, s.label) for s in worker.running],
                         [(100, 10100, "preempted"), (10220, 12100, "yielded")])

    def test_wait_and_hold_spans(self):
        second = self.model.threads[3]
        self.assertEqual([(s.start, s.end) for s in second.waiting], [(10210, 12010)])
        self.assertEqual([(s.start, s.end) for s in second.holding], [(12020, 15000)])
        self.assertEqual(self.model.object_label("mutex:1"), "restroom (mutex:1)")

    def test_chrome_trace_is_valid(self):
        self.assertEqual(convert.validate_chrome_trace(self.trace), [])
        text = json.dumps(self.trace)
        self.assertIn("holds restroom (mutex:1)", text)
        json.loads(text)

    def test_svg_is_well_formed_xml(self):
        from trace_svg import render_svg
        root = ElementTree.fromstring(render_svg(self.model, "restroom"))
        self.assertTrue(root.tag.endswith("svg"))


class DamagedTrace(unittest.TestCase):
    def test_truncated_last_line_is_skipped(self):
        lines = sample_lines()
        lines[-1] = lines[-1][:22]  # "15110 switch out=3 in": cut in the middle
        model, problems, trace = convert_lines(lines)
        self.assertEqual(len(problems), 1)
        self.assertEqual(convert.validate_chrome_trace(trace), [])

    def test_missing_end_closes_open_spans_at_the_last_time(self):
        lines = sample_lines()[:11]  # stops while worker-1 holds the lock and runs
        model, problems, trace = convert_lines(lines)
        holding = model.threads[2].holding
        self.assertEqual(len(holding), 1)
        self.assertTrue(holding[0].cut)
        self.assertEqual(holding[0].end, model.end_time)
        self.assertEqual(convert.validate_chrome_trace(trace), [])

    def test_garbage_and_backward_time_are_skipped(self):
        lines = sample_lines()
        position = lines.index("10100 switch out=2 in=3 reason=preempted") + 1
        lines[position:position] = [
            "\x00\x7f garbage line",
            "50 switch out=2 in=3 reason=preempted",  # goes back in time
            "10150 switch out=two in=3",  # not a number
            "10160 switch out=2",  # parses, but lacks a required key
        ]
        model, problems, trace = convert_lines(lines)
        self.assertEqual(len(problems), 3)
        self.assertEqual(model.problem_count, 4)
        self.assertEqual(convert.validate_chrome_trace(trace), [])

    def test_validator_catches_unbalanced_spans(self):
        trace = {"traceEvents": [{"ph": "b", "id": 1, "ts": 5}, {"ph": "e", "id": 2, "ts": 6}]}
        problems = convert.validate_chrome_trace(trace)
        self.assertIn("span 2 ends without a begin", problems)
        self.assertIn("span 1 never ends", problems)

    def test_command_line_writes_both_files(self):
        with tempfile.TemporaryDirectory() as folder:
            json_path = os.path.join(folder, "trace.json")
            svg_path = os.path.join(folder, "trace.svg")
            self.assertEqual(convert.main([SAMPLE, "--json", json_path, "--svg", svg_path]), 0)
            with open(json_path, encoding="utf-8") as stream:
                self.assertGreater(len(json.load(stream)["traceEvents"]), 10)
            ElementTree.parse(svg_path)

    def test_empty_input_is_an_error(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as empty:
            self.assertEqual(convert.main([empty.name]), 1)


if __name__ == "__main__":
    unittest.main()

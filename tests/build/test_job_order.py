"""Tests of tools/test-times.py: the times it writes, and the order of the next run's jobs."""
import json
import os
import pathlib
import sys
import tempfile
import unittest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools"))

test_times = __import__("test-times")


class JobOrder(unittest.TestCase):
    def order(self, previous, jobs):
        with tempfile.TemporaryDirectory() as folder:
            times = pathlib.Path(folder) / "times.json"
            if previous is not None:
                times.write_text(json.dumps({"jobs_ms": previous}))
            return test_times.order_jobs(times, jobs)

    def test_without_a_last_run_the_given_order_stays(self):
        jobs = ["host", "kernel 1 2", "alone a"]
        self.assertEqual(self.order(None, jobs), jobs)

    def test_longest_first_and_unknown_jobs_before_all(self):
        previous = {"host": 2000, "kernel 1 2": 40000, "alone a": 1200, "alone b": 21000}
        jobs = ["host", "kernel 1 2", "alone a", "alone b", "alone new"]
        self.assertEqual(self.order(previous, jobs),
                         ["alone new", "kernel 1 2", "alone b", "host", "alone a"])

    def test_equal_times_keep_their_order(self):
        previous = {"x": 5, "y": 5, "z": 5}
        self.assertEqual(self.order(previous, ["z", "x", "y"]), ["z", "x", "y"])

    def test_a_damaged_file_counts_as_no_last_run(self):
        with tempfile.TemporaryDirectory() as folder:
            times = pathlib.Path(folder) / "times.json"
            times.write_text("{not json")
            self.assertEqual(test_times.order_jobs(times, ["b", "a"]), ["b", "a"])


class WrittenTimes(unittest.TestCase):
    def test_tests_phases_and_jobs_are_written(self):
        with tempfile.TemporaryDirectory() as folder:
            results = pathlib.Path(folder)
            (results / "user:calls.time").write_text("1500\n")
            (results / "phases.txt").write_text("programs 90\ntools 4\n")
            (results / "job-times.txt").write_text("40000 kernel 1 2\n900 alone a b\nbroken\n")
            output = results / "times.json"
            test_times.write_times(results, output)
            written = json.loads(output.read_text())
            self.assertEqual(written["tests_ms"], {"user:calls": 1500})
            self.assertEqual(written["phases_s"], {"programs": 90, "tools": 4})
            self.assertEqual(written["jobs_ms"], {"kernel 1 2": 40000, "alone a b": 900})


if __name__ == "__main__":
    unittest.main()

"""Tests of tools/bench/bench.py's check of its kernel command line: a selection longer than the
kernel keeps is refused before any boot, instead of running fewer benchmarks without a word."""
import io
import os
import sys
import unittest
from contextlib import redirect_stderr
from unittest import mock

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools", "bench"))

import bench  # noqa: E402


class CommandLineLength(unittest.TestCase):
    def test_maximum_is_the_kernels(self):
        header = os.path.join(ROOT, "kernel", "boot_info", "command_line.h")
        with open(header, encoding="utf-8") as stream:
            self.assertIn(f"MAXIMUM_LENGTH = {bench.command_line_maximum()};", stream.read())

    def run_main(self, selection):
        argv = ["bench.py", "--select", selection, "--clocks", "cycles", "--work", "/nonexistent/x"]
        booted = []
        with mock.patch.object(sys, "argv", argv), \
                mock.patch.object(bench, "arguments", wraps=bench.arguments), \
                mock.patch("os.makedirs"), \
                mock.patch.object(bench, "make_iso", side_effect=lambda *a: booted.append(a)), \
                mock.patch.object(bench, "run_clock", return_value=None), \
                mock.patch.object(bench.subprocess, "run",
                                  return_value=mock.Mock(stdout="max\n")):
            errors = io.StringIO()
            with redirect_stderr(errors):
                status = bench.main()
        return status, booted, errors.getvalue()

    def test_too_long_a_selection_is_refused_before_booting(self):
        maximum = bench.command_line_maximum()
        selection = ",".join(["user_share_sleep_wake_next_to_4"] * (maximum // 20))
        status, booted, errors = self.run_main(selection)
        self.assertEqual(status, 2)
        self.assertEqual(booted, [])
        self.assertIn(f"the kernel keeps {maximum}", errors)

    def test_a_selection_that_fits_goes_on_to_boot(self):
        status, booted, errors = self.run_main("mutex,yield")
        self.assertEqual(len(booted), 1)
        self.assertIn("bench=mutex,yield", booted[0][2])
        self.assertEqual(errors, "")


if __name__ == "__main__":
    unittest.main()

"""Host tests of the benchmark tools (tools/bench/): reading BENCH lines from a serial log,
refusing damaged ones, merging the two clocks, the table, and the JSON check."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "bench"))

from bench_log import LogError, parse_log  # noqa: E402
from bench_report import format_table, merge_results, tick_note  # noqa: E402
import check_bench_json  # noqa: E402

LOG = """\x1b[90m[  0.000]\x1b[0m timer:   PIT at 100 Hz (one tick every 10.000 ms)
BENCH-BEGIN selection="all" benchmarks=2 samples=11 hz=100\r
BENCH name=mutex_uncontended where=kernel per="lock+unlock" samples=11 median=442 p10=416 p90=468 min=416 max=9000 what="mutex lock+unlock, nobody else wants it"
some other line
BENCH name=timer_tick where=kernel per="tick" samples=11 median=60000 p10=40000 p90=90000 min=30000 max=99000 period=26000000 quiet_pass=104 what="cycles lost to one tick"
BENCH-END ran=2 skipped=0
"""


def result_line(**changes):
    fields = {"name": "x", "where": "kernel", "per": "op", "samples": "5", "median": "3",
              "p10": "2", "p90": "4", "min": "1", "max": "5", "what": '"an operation"'}
    fields.update(changes)
    return "BENCH " + " ".join(f"{key}={value}" for key, value in fields.items() if value)


class ParseLog(unittest.TestCase):
    def test_reads_results_settings_and_details(self):
        run = parse_log(LOG.splitlines())
        self.assertTrue(run.complete)
        self.assertEqual(run.begin["hz"], 100)
        self.assertEqual(run.begin["selection"], "all")
        self.assertEqual([result["name"] for result in run.results],
                         ["mutex_uncontended", "timer_tick"])
        mutex = run.results[0]
        self.assertEqual(mutex["per"], "lock+unlock")
        self.assertEqual(mutex["what"], "mutex lock+unlock, nobody else wants it")
        self.assertEqual((mutex["median"], mutex["max"]), (442, 9000))
        self.assertEqual(run.results[1]["period"], 26000000)

    def test_a_log_without_its_end_is_incomplete(self):
        run = parse_log(LOG.splitlines()[:4])
        self.assertFalse(run.complete)

    def test_skipped_benchmarks_are_collected(self):
        run = parse_log(['BENCH-SKIPPED name=yield_switch_1000 reason="out of memory"'])
        self.assertEqual(run.skipped, [{"name": "yield_switch_1000", "reason": "out of memory"}])

    def test_damaged_lines_are_errors(self):
        damaged = [
            result_line(median=""),                  # a figure missing
            result_line(median="4x"),                # not a number
            result_line(p10="4", median="3"),        # percentiles out of order
            result_line(samples="0"),                # nothing measured
            result_line(what='"unbalanced'),         # broken quoting
            result_line() + " loose",                # a word that is not key=value
            result_line(name=""),                    # no name
        ]
        for line in damaged:
            with self.subTest(line=line), self.assertRaises(LogError):
                parse_log([line])

    def test_a_result_reported_twice_is_an_error(self):
        with self.assertRaises(LogError):
            parse_log([result_line(), result_line()])

    def test_an_error_line_from_the_kernel_is_an_error(self):
        with self.assertRaises(LogError):
            parse_log(['BENCH-ERROR no benchmark matches "nothing"'])


class Report(unittest.TestCase):
    def runs(self):
        cycles = parse_log(LOG.splitlines())
        instructions = parse_log(LOG.replace("median=442 p10=416", "median=158 p10=158").replace("min=416", "min=150").splitlines())
        return {"cycles": cycles, "instructions": instructions}

    def test_merge_keeps_one_entry_per_benchmark_with_every_clock(self):
        merged = merge_results(self.runs())
        self.assertEqual([entry["name"] for entry in merged], ["mutex_uncontended", "timer_tick"])
        self.assertEqual(merged[0]["cycles"]["median"], 442)
        self.assertEqual(merged[0]["instructions"]["median"], 158)
        self.assertNotIn("name", merged[0]["cycles"])
        self.assertEqual(merged[1]["cycles"]["period"], 26000000)

    def test_table_lists_every_benchmark_with_its_median(self):
        table = format_table(merge_results(self.runs()), ["cycles", "instructions"])
        mutex_line = next(line for line in table.splitlines() if "mutex_uncontended" in line)
        self.assertEqual(mutex_line.split()[:4], ["mutex_uncontended", "lock+unlock", "442", "416"])
        self.assertIn("158", mutex_line)
        self.assertIn("kernel:", table)

    def test_tick_note_gives_the_share_of_the_cpu(self):
        note = tick_note(merge_results(self.runs()), "cycles", 100)
        self.assertIn("0.231 %", note)  # 60000 / 26000000


class CheckJson(unittest.TestCase):
    def document(self):
        figures = {"samples": 11, "median": 3, "p10": 2, "p90": 4, "min": 1, "max": 5}
        return {"format": 1, "generated": "now", "commit": "abc", "machine": {},
                "kernel_command_line": "bench=all", "timer_hz": 100,
                "clocks": {"cycles": {}},
                "benchmarks": [{"name": name, "where": "kernel", "per": "op", "what": "w",
                                "cycles": dict(figures)}
                               for name in check_bench_json.KERNEL_BENCHMARKS +
                               check_bench_json.USER_BENCHMARKS]}

    def test_a_whole_document_has_no_problems(self):
        self.assertEqual(check_bench_json.problems_of(self.document()), [])

    def test_a_missing_benchmark_is_a_problem(self):
        document = self.document()
        del document["benchmarks"][3]
        self.assertTrue(check_bench_json.problems_of(document))

    def test_figures_out_of_order_are_a_problem(self):
        document = self.document()
        document["benchmarks"][0]["cycles"]["p90"] = 1
        self.assertTrue(check_bench_json.problems_of(document))

    def test_a_clock_without_figures_is_a_problem(self):
        document = self.document()
        document["clocks"]["instructions"] = {}
        self.assertTrue(check_bench_json.problems_of(document))


if __name__ == "__main__":
    unittest.main()

"""Reads the benchmark lines of a serial log (kernel/bench/bench.h has the format):

    BENCH-BEGIN selection="all" benchmarks=13 samples=2001 hz=100
    BENCH name=mutex_uncontended where=kernel per="lock+unlock" samples=2001 median=442 ...
    BENCH-SKIPPED name=yield_switch_1000 reason="out of memory"
    BENCH-END ran=12 skipped=1

Every other line of the log is ignored. A BENCH line that is damaged (missing a figure, a figure
that is not a number, percentiles out of order) is an error: a benchmark result must be whole.
"""
import shlex

FIGURES = ("samples", "median", "p10", "p90", "min", "max")
TEXTS = ("name", "where", "per", "what")


class LogError(Exception):
    pass


def parse_fields(text):
    """'key=value key="two words"' -> {"key": value}; decimal values become ints."""
    fields = {}
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise LogError(f"unbalanced quotes in: {text}") from error
    for word in words:
        key, equals, value = word.partition("=")
        if not equals or not key:
            raise LogError(f"'{word}' is not key=value in: {text}")
        fields[key] = int(value) if value.isdigit() else value
    return fields


def check_result(fields, line):
    for key in TEXTS:
        if not isinstance(fields.get(key), str) or not fields[key]:
            raise LogError(f"no {key}= in: {line}")
    for key in FIGURES:
        if not isinstance(fields.get(key), int):
            raise LogError(f"{key}= is missing or not a whole number in: {line}")
    if fields["samples"] == 0:
        raise LogError(f"no samples in: {line}")
    order = [fields[key] for key in ("min", "p10", "median", "p90", "max")]
    if order != sorted(order):
        raise LogError(f"min <= p10 <= median <= p90 <= max does not hold in: {line}")


class Run:
    """What one boot reported: its settings, its results in order, and what it skipped."""

    def __init__(self):
        self.begin = None
        self.end = None
        self.results = []
        self.skipped = []

    @property
    def complete(self):
        return self.begin is not None and self.end is not None


def parse_log(lines):
    run = Run()
    for raw in lines:
        line = raw.strip()
        tag, _, rest = line.partition(" ")
        if tag == "BENCH-BEGIN":
            run.begin = parse_fields(rest)
        elif tag == "BENCH":
            fields = parse_fields(rest)
            check_result(fields, line)
            if any(result["name"] == fields["name"] for result in run.results):
                raise LogError(f"{fields['name']} reported twice")
            run.results.append(fields)
        elif tag == "BENCH-SKIPPED":
            run.skipped.append(parse_fields(rest))
        elif tag == "BENCH-END":
            run.end = parse_fields(rest)
        elif tag == "BENCH-ERROR":
            raise LogError(f"the kernel refused: {rest}")
    return run

"""Turns the runs of `make bench` into build/bench.json and the table it prints.

A run is one boot with one clock: "cycles" (the TSC as QEMU's TCG provides it: host time) or
"instructions" (under -icount shift=0 the TSC counts guest instructions). Each benchmark appears
once in the JSON file, with the figures of every clock it was measured with.
"""

FIGURE_KEYS = ("samples", "median", "p10", "p90", "min", "max")
DESCRIPTION_KEYS = ("name", "where", "per", "what")


def merge_results(runs):
    """{clock: Run} -> list of benchmarks in report order, each with a figure set per clock."""
    merged = {}
    for clock, run in runs.items():
        for result in run.results:
            entry = merged.setdefault(result["name"],
                                      {key: result[key] for key in DESCRIPTION_KEYS})
            entry[clock] = {key: value for key, value in result.items()
                            if key not in DESCRIPTION_KEYS}
    return list(merged.values())


def tick_note(benchmarks, clock, hz):
    """One sentence on what the timer tick costs the CPU, from the tick benchmark's figures."""
    for benchmark in benchmarks:
        figures = benchmark.get(clock)
        if benchmark["name"] == "timer_tick" and figures and figures.get("period"):
            share = 100.0 * figures["median"] / figures["period"]
            return (f"timer tick ({clock}): median {figures['median']} of every {figures['period']}"
                    f" between two ticks at {hz} Hz, {share:.3f} % of the CPU")
    return None


def frequency_note(benchmarks, hz):
    for benchmark in benchmarks:
        figures = benchmark.get("cycles")
        if benchmark["name"] == "timer_tick" and figures and figures.get("period") and hz:
            return f"the TSC counts about {figures['period'] * hz / 1e9:.2f} GHz (tick period x hz)"
    return None


CLOCK_HEADINGS = {"cycles": "TSC cycles (host time)", "instructions": "guest instructions"}


def format_table(benchmarks, clocks):
    """The table `make bench` prints: per clock, the median and the middle 80 % of samples. The
    columns grow with the widest figure (a spawn next to busy processes takes 10^8 cycles)."""
    spreads = [f"{figures['p10']} - {figures['p90']}" for benchmark in benchmarks
               for figures in (benchmark.get(clock) for clock in clocks) if figures]
    medians = [str(figures["median"]) for benchmark in benchmarks
               for figures in (benchmark.get(clock) for clock in clocks) if figures]
    median_width = max([12] + [len(text) + 2 for text in medians])
    spread_width = max([20] + [len(text) + 3 for text in spreads])
    clock_width = median_width + spread_width
    headings = f"{'':<44}" + "".join(f"{CLOCK_HEADINGS[clock]:>{clock_width}}" for clock in clocks)
    columns = f"{'benchmark':<30}{'per':<14}" + (
        f"{'median':>{median_width}}{'p10 - p90':>{spread_width}}" * len(clocks))
    lines = [headings.rstrip(), columns.rstrip(), "-" * len(columns.rstrip())]
    where = None
    for benchmark in benchmarks:
        if benchmark["where"] != where:
            where = benchmark["where"]
            lines.append(f"{where}:")
        line = f"  {benchmark['name']:<28}{benchmark['per']:<14}"
        for clock in clocks:
            figures = benchmark.get(clock)
            if figures is None:
                line += f"{'-':>{median_width}}{'':>{spread_width}}"
            else:
                spread = f"{figures['p10']} - {figures['p90']}"
                line += f"{figures['median']:>{median_width}}{spread:>{spread_width}}"
        lines.append(line.rstrip())
    return "\n".join(lines)

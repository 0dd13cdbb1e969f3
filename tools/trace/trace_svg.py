"""Draws a trace model (trace_model.py) as an SVG timeline readable without any tool: one row per
thread, grouped under its process; solid bars where the thread had the CPU, hatched bars where it
waited, a thin gold bar above where it held a lock or a semaphore key."""
from xml.sax.saxutils import escape

LABEL_WIDTH = 230
PLOT_WIDTH = 960
ROW_HEIGHT = 24
HEADER_HEIGHT = 56
PROCESS_COLOURS = ["#4e79a7", "#59a14f", "#e15759", "#b07aa1", "#f28e2b", "#76b7b2",
                   "#edc948", "#9c755f"]


def _time_ticks(duration):
    """The smallest round step (1, 2 or 5 times a power of ten, in microseconds) that cuts the
    duration into at most eight intervals."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if duration / (factor * magnitude) <= 8:
                return factor * magnitude
        magnitude *= 10


def _legend(event_count):
    """A key to the three kinds of bar, drawn with the bars themselves."""
    items = [(PROCESS_COLOURS[1], 14, "on the CPU"), ("url(#waiting)", 14, "waiting"),
             ("#d4a017", 3, "holding a lock or a key")]
    parts, left = [], 10
    for fill, height, text in items:
        parts.append(f'<rect x="{left}" y="{36 - height // 2}" width="24" height="{height}" '
                     f'fill="{fill}"/>')
        parts.append(f'<text x="{left + 30}" y="40" fill="#333">{text}</text>')
        left += 40 + 8 * len(text)
    parts.append(f'<text x="{left}" y="40" fill="#777">({event_count} events)</text>')
    return parts


def _format_time(microseconds):
    if microseconds == 0:
        return "0"
    if microseconds >= 1000:
        return f"{microseconds / 1000:g} ms"
    return f"{microseconds} us"


def render_svg(model, title):
    start = min((span.start for thread in model.threads.values() for span in thread.running),
                default=0)
    duration = max(model.end_time - start, 1)

    def x(time):
        return LABEL_WIDTH + (time - start) * PLOT_WIDTH / duration

    rows = sorted(model.threads.items(), key=lambda item: (item[1].pid, item[0]))
    height = HEADER_HEIGHT + ROW_HEIGHT * (len(rows) + 1) + 40
    width = LABEL_WIDTH + PLOT_WIDTH + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="monospace" font-size="12">',
           '<defs><pattern id="waiting" width="6" height="6" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fde0dd"/>'
           '<line x1="0" y1="0" x2="0" y2="6" stroke="#e15759" stroke-width="2"/></pattern></defs>',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="10" y="20" font-size="15" font-weight="bold">{escape(title)}</text>'
    ]
    out += _legend(model.event_count)

    step = _time_ticks(duration)
    axis_bottom = HEADER_HEIGHT + ROW_HEIGHT * len(rows)
    tick = 0
    while tick <= duration:
        position = x(start + tick)
        out.append(f'<line x1="{position:.1f}" y1="{HEADER_HEIGHT}" x2="{position:.1f}" '
                   f'y2="{axis_bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{position:.1f}" y="{axis_bottom + 16}" text-anchor="middle" '
                   f'fill="#555">{_format_time(tick)}</text>')
        tick += step

    for index, (tid, thread) in enumerate(rows):
        top = HEADER_HEIGHT + index * ROW_HEIGHT
        colour = PROCESS_COLOURS[thread.pid % len(PROCESS_COLOURS)]
        process = model.processes.get(thread.pid, "?")
        label = f"{process}[{thread.pid}] {thread.name}"
        out.append(f'<text x="10" y="{top + 16}">{escape(label[:30])}</text>')
        for span in thread.waiting:
            out.append(_bar(x(span.start), x(span.end), top + 5, 14, 'url(#waiting)',
                            f"{thread.name} waits for {model.object_label(span.label)}"))
        for span in thread.running:
            out.append(_bar(x(span.start), x(span.end), top + 5, 14, colour,
                            f"{thread.name} runs (then {span.label})"))
        for span in thread.holding:
            out.append(_bar(x(span.start), x(span.end), top + 1, 3, "#d4a017",
                            f"{thread.name} holds {model.object_label(span.label)}"))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _bar(left, right, top, height, fill, tooltip):
    width = max(right - left, 0.5)
    return (f'<rect x="{left:.1f}" y="{top}" width="{width:.1f}" height="{height}" '
            f'fill="{fill}"><title>{escape(tooltip)}</title></rect>')

"""Draws a trace model (trace_model.py) as an SVG timeline readable without any tool: one row per
thread, grouped under its process. A solid bar where the thread had the CPU, an outline where it
was ready but another thread had the CPU, hatching where it waited (red for a lock or a key, grey
for a sleep, blue for another thread's end), a gold bar above where it held a lock or a key, and
an arrow where one thread handed a lock or key to another. Every bar has a tooltip."""
from xml.sax.saxutils import escape

LABEL_WIDTH = 190
PLOT_WIDTH = 1000
ROW_HEIGHT = 26
PROCESS_ROW_HEIGHT = 22
TOP = 96  # below the title and the legend
PROCESS_COLOURS = ["#4e79a7", "#59a14f", "#e15759", "#b07aa1", "#f28e2b", "#76b7b2",
                   "#edc948", "#9c755f"]
HOLD_COLOUR = "#d4a017"
HATCHES = {  # pattern id: (background, stripe)
    "lock": ("#fde0dd", "#e15759"),
    "sleep": ("#eeeeee", "#9a9a9a"),
    "join": ("#dde8f5", "#4e79a7"),
}
CHARACTER_WIDTH = 7  # of the 12 px monospace font, to see whether a label fits in a bar


def _time_step(duration):
    """The smallest round step (1, 2 or 5 times a power of ten, in microseconds) that cuts the
    duration into at most ten intervals."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if duration / (factor * magnitude) <= 10:
                return factor * magnitude
        magnitude *= 10


def _format_time(microseconds):
    if microseconds == 0:
        return "0"
    if microseconds >= 1000:
        return f"{microseconds / 1000:g} ms"
    return f"{microseconds} us"


def _round_time(microseconds):
    """Three significant digits are enough for a caption: 280 ms, 12.3 ms, 1.25 s."""
    if microseconds >= 1_000_000:
        return f"{microseconds / 1_000_000:.3g} s"
    if microseconds >= 1000:
        return f"{microseconds / 1000:.3g} ms"
    return f"{microseconds} us"


def _duration(span):
    return _format_time(span.end - span.start) if span.end > span.start else "an instant"


def _wait_kind(identifier):
    if identifier == "sleep" or identifier.startswith("sleep:"):
        return "sleep"
    if identifier.startswith("join:"):
        return "join"
    return "lock"


def _defs():
    parts = ['<defs>']
    for name, (background, stripe) in HATCHES.items():
        parts.append(f'<pattern id="{name}" width="6" height="6" patternUnits="userSpaceOnUse" '
                     f'patternTransform="rotate(45)"><rect width="6" height="6" '
                     f'fill="{background}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{stripe}" '
                     f'stroke-width="2"/></pattern>')
    parts.append('<marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" '
                 'markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#7a5c00"/>'
                 '</marker></defs>')
    return parts


def _legend(running_colour):
    """A key to every kind of mark, drawn with the marks themselves, in two lines."""
    items = [
        [(f'fill="{running_colour}"', "on the CPU"),
         ('fill="white" stroke="#888" stroke-dasharray="3,2"', "ready, waiting for the CPU"),
         ('fill="url(#lock)"', "waiting for a lock or a key")],
        [('fill="url(#sleep)"', "sleeping"),
         ('fill="url(#join)"', "waiting for a thread to end"),
         (f'fill="{HOLD_COLOUR}"', "holding a lock or a key (bar above)"),
         (None, "hand-off to the next waiter")],
    ]
    parts = []
    for line, entries in enumerate(items):
        left, middle = 10, 50 + 20 * line
        for style, text in entries:
            if style is None:
                parts.append(f'<line x1="{left + 12}" y1="{middle - 8}" x2="{left + 12}" '
                             f'y2="{middle + 7}" stroke="#7a5c00" stroke-width="1.5" '
                             'marker-end="url(#arrow)"/>')
            else:
                parts.append(f'<rect x="{left}" y="{middle - 7}" width="24" height="14" {style}/>')
            parts.append(f'<text x="{left + 30}" y="{middle + 4}" fill="#333">{escape(text)}'
                         '</text>')
            left += 50 + CHARACTER_WIDTH * len(text)
    return parts


class Layout:
    """Where things go: rows by process, the time scale."""

    def __init__(self, model):
        self.model = model
        threads = sorted(model.threads.items(), key=lambda item: (item[1].pid, item[0]))
        self.shown = [(tid, t) for tid, t in threads if any(t.spans())]
        self.hidden = [(tid, t) for tid, t in threads if not any(t.spans())]
        self.row_top = {}
        self.process_rows = []  # (top, pid)
        top = TOP
        for tid, thread in self.shown:
            if not self.process_rows or self.process_rows[-1][1] != thread.pid:
                self.process_rows.append((top, thread.pid))
                top += PROCESS_ROW_HEIGHT
            self.row_top[tid] = top
            top += ROW_HEIGHT
        self.bottom = top
        starts = [s.start for _, t in self.shown for spans in t.spans() for s in spans]
        self.start = min(starts, default=0)
        self.duration = max(model.end_time - self.start, 1)

    def x(self, time):
        return LABEL_WIDTH + (time - self.start) * PLOT_WIDTH / self.duration

    def middle(self, tid):
        return self.row_top[tid] + ROW_HEIGHT // 2 + 2


def _bar(left, right, top, height, style, tooltip, label=None):
    width = max(right - left, 0.6)
    parts = [f'<rect x="{left:.1f}" y="{top}" width="{width:.1f}" height="{height}" {style}>'
             f'<title>{escape(tooltip)}</title></rect>']
    if label and width > CHARACTER_WIDTH * len(label) + 6:
        parts.append(f'<text x="{left + width / 2:.1f}" y="{top + height - 4}" '
                     f'text-anchor="middle" font-size="11" fill="#333">{escape(label)}</text>')
    return parts


def _thread_row(layout, tid, thread):
    model, x = layout.model, layout.x
    top = layout.row_top[tid]
    colour = PROCESS_COLOURS[thread.pid % len(PROCESS_COLOURS)]
    name = thread.name
    at = lambda span: f"at {_format_time(span.start - layout.start)}, for {_duration(span)}"
    parts = [f'<text x="22" y="{top + 18}">{escape(f"{name} ({tid})"[:24])}</text>']
    for span in thread.ready:
        parts += _bar(x(span.start), x(span.end), top + 7, 16,
                      'fill="white" stroke="#888" stroke-dasharray="3,2"',
                      f"{name} is ready, waiting for the CPU, {at(span)}")
    for span in thread.waiting:
        kind = _wait_kind(span.label)
        if kind == "sleep":
            tooltip, label = f"{name} sleeps, {at(span)}", "sleep"
        elif kind == "join":
            other = model.threads.get(int(span.label.split(":")[1]) if
                                      span.label.split(":")[1].isdigit() else -1)
            label = f"join {other.name}" if other else span.label
            tooltip = f"{name} waits for {label[5:]} to end, {at(span)}"
        else:
            label = model.object_name(span.label)
            tooltip = f"{name} waits for {model.object_label(span.label)}, {at(span)}"
        parts += _bar(x(span.start), x(span.end), top + 7, 16, f'fill="url(#{kind})"', tooltip,
                      label)
    for span in thread.running:
        parts += _bar(x(span.start), x(span.end), top + 7, 16, f'fill="{colour}"',
                      f"{name} runs {at(span)}; then: {span.label}")
    for span in thread.holding:
        parts += _bar(x(span.start), x(span.end), top + 1, 4, f'fill="{HOLD_COLOUR}"',
                      f"{name} holds {model.object_label(span.label)}, {at(span)}")
    return parts


def _hand_offs(layout):
    parts = []
    for wake in layout.model.wakes:
        if wake.by not in layout.row_top or wake.tid not in layout.row_top:
            continue
        if _wait_kind(wake.object) != "lock":
            continue
        position = layout.x(wake.time)
        from_y, to_y = layout.middle(wake.by), layout.middle(wake.tid)
        to_y += -9 if to_y > from_y else 9
        parts.append(f'<line x1="{position:.1f}" y1="{from_y}" x2="{position:.1f}" y2="{to_y}" '
                     'stroke="#7a5c00" stroke-width="1.2" marker-end="url(#arrow)"><title>'
                     f'{escape(layout.model.object_label(wake.object))} handed to thread '
                     f'{wake.tid} by thread {wake.by}</title></line>')
    return parts


def _axis_and_marks(layout):
    parts = []
    step = _time_step(layout.duration)
    tick = 0
    while tick <= layout.duration:
        position = layout.x(layout.start + tick)
        parts.append(f'<line x1="{position:.1f}" y1="{TOP - 4}" x2="{position:.1f}" '
                     f'y2="{layout.bottom}" stroke="#e4e4e4"/>')
        parts.append(f'<text x="{position:.1f}" y="{layout.bottom + 16}" text-anchor="middle" '
                     f'fill="#555">{_format_time(tick)}</text>')
        tick += step
    for time, count in layout.model.lost:
        position = layout.x(time)
        parts.append(f'<rect x="{position - 1:.1f}" y="{TOP - 4}" width="3" '
                     f'height="{layout.bottom - TOP + 4}" fill="#d62728"><title>{count} events '
                     'lost here (the ring buffer was full)</title></rect>')
        parts.append(f'<text x="{position + 4:.1f}" y="{TOP + 8}" fill="#d62728" '
                     f'font-size="11">{count} events lost</text>')
    return parts


def render_svg(model, title):
    layout = Layout(model)
    processes = sorted({thread.pid for _, thread in layout.shown}) or [0]
    running_colour = PROCESS_COLOURS[processes[0] % len(PROCESS_COLOURS)]
    height = layout.bottom + 60
    width = LABEL_WIDTH + PLOT_WIDTH + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="monospace" font-size="12">']
    out += _defs()
    out.append(f'<rect width="{width}" height="{height}" fill="white"/>')
    out.append(f'<text x="10" y="20" font-size="15" font-weight="bold">{escape(title)}</text>')
    out.append(f'<text x="10" y="36" fill="#555">{len(layout.shown)} threads, '
               f'{model.event_count} events, {_round_time(layout.duration)}; time runs to the '
               'right, one row per thread</text>')
    out += _legend(running_colour)
    out += _axis_and_marks(layout)
    for top, pid in layout.process_rows:
        out.append(f'<text x="10" y="{top + 15}" font-weight="bold">process {pid}: '
                   f'{escape(model.processes.get(pid, "?"))}</text>')
        out.append(f'<line x1="10" y1="{top + PROCESS_ROW_HEIGHT - 2}" x2="{width - 10}" '
                   f'y2="{top + PROCESS_ROW_HEIGHT - 2}" stroke="#ccc"/>')
    for tid, thread in layout.shown:
        out += _thread_row(layout, tid, thread)
    out += _hand_offs(layout)
    if layout.hidden:
        names = ", ".join(f"{thread.name} ({tid})" for tid, thread in layout.hidden)
        out.append(f'<text x="10" y="{layout.bottom + 40}" fill="#777">Not drawn (no activity '
                   f'in the trace): {escape(names)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"

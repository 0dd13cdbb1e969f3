"""Reading the kernel's text trace (docs/trace-format.md) into a model of who ran when, who waited
for what, and who held which lock. Used by convert.py; tested by tests/trace/."""
from dataclasses import dataclass, field

NUMERIC_KEYS = {"tid", "pid", "parent", "status", "out", "in", "by", "owner", "next", "value",
                "count"}


@dataclass
class Event:
    time: int
    kind: str
    fields: dict


@dataclass
class Span:
    start: int
    end: int
    label: str  # why a running span stopped, or the object waited for or held
    cut: bool = False  # still open when the trace ended


@dataclass
class Thread:
    pid: int
    name: str
    running: list = field(default_factory=list)
    ready: list = field(default_factory=list)  # could run, but another thread had the CPU
    waiting: list = field(default_factory=list)
    holding: list = field(default_factory=list)

    def spans(self):
        return (self.running, self.ready, self.waiting, self.holding)


@dataclass
class Wake:
    """A thread woke another one: a lock or key handed over, a join ended."""
    time: int
    by: int
    tid: int
    object: str


def parse_line(line):
    """Returns an Event, or raises ValueError with the reason the line is unusable."""
    words = line.split()
    if len(words) < 2:
        raise ValueError("fewer than two fields")
    if not words[0].isdigit():
        raise ValueError(f"time stamp '{words[0][:20]}' is not a number")
    fields = {}
    for word in words[2:]:
        key, separator, value = word.partition("=")
        if not separator or not key:
            raise ValueError(f"'{word[:20]}' is not key=value")
        if key in NUMERIC_KEYS:
            digits = value[1:] if value.startswith("-") else value
            if not digits.isdigit():
                raise ValueError(f"{key}={value[:20]} is not a number")
            value = int(value)
        fields[key] = value
    return Event(int(words[0]), words[1], fields)


def parse_trace(lines):
    """Returns (events, problems); problems are (line number, reason) for skipped lines."""
    events, problems = [], []
    last_time = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("trace "):
            continue
        try:
            event = parse_line(line)
        except ValueError as reason:
            problems.append((number, str(reason)))
            continue
        if event.time < last_time:
            problems.append((number, f"time {event.time} goes back (last was {last_time})"))
            continue
        last_time = event.time
        events.append(event)
    return events, problems


REQUIRED_KEYS = {
    "process_create": ("pid",), "thread_create": ("tid", "pid"), "switch": ("out", "in"),
    "running": ("tid",), "trace_lost": ("count",),
    "block": ("tid", "object"), "wake": ("tid", "object"), "object_name": ("object", "name"),
    "mutex_acquire": ("tid", "object"), "mutex_release": ("tid", "object"),
    "semaphore_wait": ("tid", "object"),
    "semaphore_acquire": ("tid", "object"), "semaphore_post": ("tid", "object"),
}


class Model:
    """Intervals per thread, built by replaying the events in order."""

    def __init__(self, problem_count):
        self.processes = {0: "kernel"}
        self.threads = {}
        self.object_names = {}
        self.problem_count = problem_count
        self.event_count = 0
        self.end_time = 0
        self._running = {}   # tid -> start time
        self._ready = {}     # tid -> start time
        self._waiting = {}   # tid -> (start, object)
        self._holding = {}   # (tid, object) -> start
        self.lost = []       # (time, count): where the ring overflowed and events are missing
        self.wakes = []      # Wake, in time order

    def thread(self, tid):
        if tid not in self.threads:
            name = "idle" if tid == 0 else f"thread {tid}"
            self.threads[tid] = Thread(pid=0, name=name)
        return self.threads[tid]

    def object_label(self, identifier):
        name = self.object_names.get(identifier)
        return f"{name} ({identifier})" if name else identifier

    def object_name(self, identifier):
        """The short name for a picture: "restroom", or the identifier itself."""
        return self.object_names.get(identifier, identifier)

    def apply(self, event):
        fields = event.fields
        if any(key not in fields for key in REQUIRED_KEYS.get(event.kind, ())):
            self.problem_count += 1
            return
        self.event_count += 1
        self.end_time = event.time
        handler = getattr(self, "on_" + event.kind, None)
        if handler:
            handler(event.time, fields)

    def on_process_create(self, time, fields):
        self.processes[fields["pid"]] = fields.get("name", f"process {fields['pid']}")

    def on_thread_create(self, time, fields):
        thread = self.thread(fields["tid"])
        thread.pid = fields["pid"]
        thread.name = fields.get("name", thread.name)
        self.processes.setdefault(thread.pid, f"process {thread.pid}")
        # A new thread is ready at once; the threads listed when the trace starts say their state.
        if fields.get("state", "ready") == "ready":
            self._become_ready(fields["tid"], time)

    def _become_ready(self, tid, time):
        if tid != 0:  # idle runs whenever nobody else can: it never waits for the CPU
            self._ready.setdefault(tid, time)

    def _start_running(self, tid, time):
        start = self._ready.pop(tid, None)
        if start is not None:
            self.thread(tid).ready.append(Span(start, time, "ready"))
        self.thread(tid)
        self._running[tid] = time

    def on_switch(self, time, fields):
        start = self._running.pop(fields["out"], None)
        reason = fields.get("reason", "switched")
        if start is not None:
            self.thread(fields["out"]).running.append(Span(start, time, reason))
        if reason in ("preempted", "yielded"):
            self._become_ready(fields["out"], time)
        self._start_running(fields["in"], time)

    def on_running(self, time, fields):
        """The thread that has the CPU when the trace starts."""
        self._start_running(fields["tid"], time)

    def on_trace_lost(self, time, fields):
        """Events are missing here: whatever was open may have ended unseen, so close it."""
        self.lost.append((time, fields["count"]))
        self._close_open_spans(time, "events lost")

    def on_block(self, time, fields):
        self._waiting[fields["tid"]] = (time, fields["object"])

    def on_wake(self, time, fields):
        waiting = self._waiting.pop(fields["tid"], None)
        if waiting is not None:
            self.thread(fields["tid"]).waiting.append(Span(waiting[0], time, waiting[1]))
        self._become_ready(fields["tid"], time)
        if "by" in fields:
            self.wakes.append(Wake(time, fields["by"], fields["tid"], fields["object"]))

    def on_object_name(self, time, fields):
        self.object_names[fields["object"]] = fields["name"]

    def on_mutex_acquire(self, time, fields):
        self._holding[(fields["tid"], fields["object"])] = time

    def on_mutex_release(self, time, fields):
        start = self._holding.pop((fields["tid"], fields["object"]), None)
        if start is not None:
            self.thread(fields["tid"]).holding.append(Span(start, time, fields["object"]))

    on_semaphore_acquire = on_mutex_acquire
    on_semaphore_post = on_mutex_release

    def _close_open_spans(self, end, why):
        for tid, start in self._running.items():
            self.thread(tid).running.append(Span(start, end, why, cut=True))
        for tid, start in self._ready.items():
            self.thread(tid).ready.append(Span(start, end, "ready", cut=True))
        for tid, (start, identifier) in self._waiting.items():
            self.thread(tid).waiting.append(Span(start, end, identifier, cut=True))
        for (tid, identifier), start in self._holding.items():
            self.thread(tid).holding.append(Span(start, end, identifier, cut=True))
        self._running, self._ready, self._waiting, self._holding = {}, {}, {}, {}

    def close_open_spans(self):
        self._close_open_spans(self.end_time, "end of trace")
        for thread in self.threads.values():
            for spans in thread.spans():
                spans.sort(key=lambda span: span.start)


def build_model(events, problem_count=0):
    model = Model(problem_count)
    for event in events:
        model.apply(event)
    model.close_open_spans()
    return model

# The checks of kernel_threads_seen_from_gdb.sh (which says what they cover), run inside gdb by
# tests/gdb/lib/run-gdb-test.sh with the kernel's extension loaded.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
import gdb_test  # noqa: E402
from gdb_test import gdb  # noqa: E402

ROLES = ("visitor-1", "visitor-2", "visitor-3", "cook", "sleeper", "spinner")


def thread_ids(session):
    """The ids the kernel test printed: "debugger: visitor-1 is thread 3"."""
    return {role: int(session.serial_value(rf"^debugger: {role} is thread (\d+)$"))
            for role in ROLES}


def thread_line(thread_id, name, state):
    return rf"^[ *] *{thread_id}  {name} +kernel +{state} "


def check_thread_list(session, ids, boot_id):
    output = session.command("kthreads")
    session.expect_match(rf"^\* *{boot_id}  boot +kernel +running +16  debugger_checkpoint",
                         output, "the boot thread runs the test, marked *, at the checkpoint")
    session.expect_match(thread_line(0, "idle", "ready") + r".*preempted in ", output,
                         "the idle thread is ready, preempted by the timer")
    for visitor in ("visitor-1", "visitor-2", "visitor-3"):
        session.expect_match(thread_line(ids[visitor], visitor, "blocked") + r".*Mutex::lock",
                             output, f"{visitor} is blocked in Mutex::lock")
    session.expect_match(thread_line(ids["cook"], "cook", "blocked") + r".*Semaphore::wait",
                         output, "the cook is blocked in Semaphore::wait")
    session.expect_match(thread_line(ids["sleeper"], "sleeper", "sleeping")
                         + r".*this_thread::sleep_ms", output, "the sleeper sleeps in sleep_ms")
    session.expect_match(thread_line(ids["spinner"], "spinner", "ready")
                         + r".*preempted in thread_test::", output,
                         "the spinner is ready, preempted in its loop")
    session.expect_match(r"^ +saved: eip 0x[0-9a-f]{8} scheduler::block_current\+0x[0-9a-f]+  "
                         r"esp 0xfc[0-9a-f]{6}  ebp 0xfc[0-9a-f]{6}$", output,
                         "a blocked thread's saved eip, esp and ebp are shown")


def check_backtraces(session, ids):
    registers_before = session.command("info registers eip esp ebp")
    output = session.command(f"kbt {ids['visitor-2']}")
    session.expect_match(r"^#\d+ .*Mutex::lock \(this=0x[0-9a-f]+\) at kernel/sync/mutex.cpp:\d+$",
                         output, "kbt of a blocked visitor names Mutex::lock")
    session.expect_match(r"visit_restroom .* at tests/kernel/debugger_thread_tests.cpp:\d+$",
                         output, "... called from the visitor's own function")
    session.expect_match(r"thread_trampoline \(\) at arch/x86/switch_context.asm", output,
                         "... down to the thread's first frame")
    output = session.command(f"kbt {ids['spinner']}")
    session.expect_match(r"^#\d+ .*interrupt_common \(\) at arch/x86/interrupt_entry.asm", output,
                         "kbt of the preempted spinner goes through the interrupt entry")
    session.expect_match(r"spin_until_stopped \(argument=0x[0-9a-f]+\)", output,
                         "... into the code the timer interrupted")
    session.expect(session.command("info registers eip esp ebp") == registers_before,
                   "kbt puts the CPU's registers back")
    output = session.command("kbt")
    session.expect(output.count("saved context at") >= len(ROLES) + 2,
                   "kbt without an argument shows every thread (idle and reaper too)")


def check_restroom(session, owner, waiters):
    gdb.execute("frame function debugger_sees_threads_waiting_body", to_string=True)
    output = session.command("kwait scene.restroom")
    session.expect_match(rf'^  held by thread {owner} "', output,
                         f"the restroom is held by thread {owner}")
    places = "".join(rf"    {place}\. thread {thread_id} .*\n"
                     for place, thread_id in enumerate(waiters, 1))
    session.expect_match(r"waiting, first in line first \(\d\):\n" + places, output,
                         f"the waiters in FIFO order: {waiters}")


def test(session):
    session.run_to("debugger_checkpoint")
    ids = thread_ids(session)
    boot_id = int(session.serial_value(r"^debugger: checkpoint 1, restroom owned by thread (\d+)"))
    check_thread_list(session, ids, boot_id)
    check_backtraces(session, ids)
    visitors = [ids[f"visitor-{number}"] for number in (1, 2, 3)]
    check_restroom(session, boot_id, visitors)
    output = session.command("kwait &scene.kitchen")
    session.expect_match(r"^  permits free: 0\n.*\n    1\. thread \d+ \"cook\"", output,
                         "the kitchen semaphore has no permit and the cook waits")
    output = session.command("kwait")
    session.expect_match(rf'thread {visitors[1]} "visitor-2" .*place 2 of 3 in line\n'
                         r'    waits in Mutex::lock for Mutex "restroom"', output,
                         "kwait alone says what each blocked thread waits for")

    session.run_to("debugger_checkpoint")
    session.expect(session.serial_value(r"^debugger: checkpoint 2, restroom handed to thread (\d+)")
                   == str(visitors[0]), "the kernel reports the hand-off to visitor-1")
    check_restroom(session, visitors[0], visitors[1:])
    output = session.command("kthreads")
    session.expect_match(thread_line(visitors[0], "visitor-1", "ready"), output,
                         "the new owner is ready: it owns the mutex before it runs again")
    check_switch(session)


def check_switch(session):
    """At switch_context's first instruction: [esp + 8] is `next`, the arriving thread's Context.
    kswitch shows it beside the CPU's registers; after the ret the arriving thread runs."""
    session.run_to("switch_context")
    next_context = int(gdb.parse_and_eval("*(unsigned *)($esp + 8)"))
    output = session.command("kswitch")
    pattern = (r"^leaving:  thread (\d+) .*\narriving: thread (\d+) .*its Context "
               rf"at 0x{next_context:08x}$")
    match = session.expect_match(pattern, output,
                                 "kswitch names the arriving thread by the Context switch_context "
                                 "is given")
    leaving, arriving = match.group(1), match.group(2)
    session.expect(leaving != arriving, "two different threads")
    output = session.command("kthreads")
    session.expect_match(rf"^\* *{leaving}  ", output,
                         "kthreads marks the leaving thread: the CPU still runs on its stack")
    session.expect("The CPU is inside switch_context" in output, "and says why")
    gdb.execute("delete")
    for _ in range(20):
        gdb.execute("stepi", to_string=True)
        if gdb.selected_frame().name() != "switch_context":
            break
    output = session.command("kthreads")
    session.expect_match(rf"^\* *{arriving}  [^\n]* running ", output,
                         "after switch_context returns, the arriving thread runs")
    session.expect("The CPU is inside switch_context" not in output, "the switch is complete")


gdb_test.run(__file__, test)

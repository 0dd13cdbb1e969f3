# kthreads and kbt: the list of kernel threads with the registers each one saved, and the
# backtrace of any of them, running or not.
import os

from . import stacks, threads, values

import gdb


def print_thread(thread):
    marker = "*" if thread.is_running else " "
    print(f"{marker}{thread.id:4}  {thread.name:<16} {thread.process_name:<8} {thread.state:<9}"
          f"{thread.priority:4}  {stacks.where(thread)}")
    if thread.is_running:
        eip, esp, ebp = (values.register(name) for name in ("eip", "esp", "ebp"))
        print(f"       running: eip {eip:#010x} {values.function_name(eip)}  "
              f"esp {esp:#010x}  ebp {ebp:#010x}")
        return
    registers = thread.saved_registers()
    if registers is None:
        return
    # esp is the value switch_context stored: the address of the Context on the thread's stack.
    # The saved eip is a return address (just after a call), except in a thread that has not
    # started: there it is the first instruction of thread_trampoline.
    eip_name = values.function_name(registers["eip"], is_return_address=thread.has_started)
    print(f"       saved: eip {registers['eip']:#010x} {eip_name}  "
          f"esp {thread.context_address:#010x}  ebp {registers['ebp']:#010x}")


class ThreadsCommand(gdb.Command):
    """List the kernel's threads: kthreads

For each thread: id, name, process, state, priority, and where it is (the first function
outside the scheduler's own code, or the code the timer preempted). The second line shows the
registers it saved when it left the CPU (its arch::Context: eip with the function it is in, esp,
ebp); for the running thread (marked *), the CPU's registers."""

    def __init__(self):
        super().__init__("kthreads", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        if argument.strip():
            raise gdb.GdbError("usage: kthreads (no arguments)")
        stacks.require_stopped_target()
        all_threads = threads.all_threads()
        print("   id  name             process  state    prio  where")
        for thread in all_threads:
            print_thread(thread)
        switch = threads.switch_in_progress(all_threads)
        if switch:
            leaving, arriving = switch
            print(f"The CPU is inside switch_context: the scheduler has made thread {arriving.id} "
                  f"current, but the CPU still runs on thread {leaving.id}'s stack (see kswitch).")


def print_backtrace(thread, backtrace_arguments):
    print(f"{thread.describe()}:")
    if thread.is_running:
        print("  running: the CPU's own registers")
        print(explain_user_frames(gdb.execute(f"backtrace {backtrace_arguments}",
                                              to_string=True), thread), end="")
        return
    if thread.state == "exited":
        print("  exited: its stack stays until the thread is joined or reaped")
    registers = thread.saved_registers()
    if not thread.has_started:
        print("  not started yet: its first switch enters thread_trampoline, which calls "
              + values.function_name(thread.entry).split("+")[0])
    print(f"  saved context at esp {thread.context_address:#010x}: eip {registers['eip']:#010x}"
          f"  ebp {registers['ebp']:#010x}  ebx {registers['ebx']:#010x}"
          f"  esi {registers['esi']:#010x}  edi {registers['edi']:#010x}")
    with stacks.SavedContextLoaded(registers):
        print(explain_user_frames(gdb.execute(f"backtrace {backtrace_arguments}",
                                              to_string=True), thread), end="")


USER_BOUNDARY_STOP = "Backtrace stopped: previous frame inner to this frame (corrupt stack?)"


def program_file(process_name):
    """The program with its symbols, as the build leaves it (build/user/, looked up in the order
    init uses: bin, demos, tests), or None."""
    for folder in ("bin", "demos", "tests"):
        path = os.path.join("build", "user", folder, process_name)
        if os.path.isfile(path):
            return path
    return None


def explain_user_frames(backtrace, thread):
    """A backtrace that reaches user code ends there, with gdb's complaint that the user stack
    lies below the kernel stack. That is how it must be: say so instead."""
    lines = backtrace.rstrip("\n").split("\n")
    if len(lines) >= 2 and lines[-1] == USER_BOUNDARY_STOP:
        words = lines[-2].split()
        if len(words) >= 2 and words[1].startswith("0x") and (
                int(words[1], 16) < values.constant("memory::USER_END")):
            program = program_file(thread.process_name) or "build/user/FOLDER/PROGRAM"
            lines[-1] = ("(it entered the kernel from user mode here; the program's own frames "
                         f"need its symbols: add-symbol-file {program})")
    return "\n".join(lines) + "\n"


class BacktraceCommand(gdb.Command):
    """Backtrace of a kernel thread, running or not: kbt [THREAD [full|N ...]]

THREAD is a thread id (see kthreads) or an expression that is a Thread or Thread*. Without
THREAD, every thread's backtrace. Words after THREAD go to gdb's backtrace command ("full" adds
local variables, a number limits the frames).

A thread that is not running is its saved registers: kbt loads them into the CPU for a moment,
lets gdb unwind the stack from there, then puts the CPU's registers back."""

    def __init__(self):
        super().__init__("kbt", gdb.COMMAND_STACK)

    def invoke(self, argument, from_tty):
        stacks.require_stopped_target()
        words = gdb.string_to_argv(argument)
        if not words:
            for thread in threads.all_threads():
                print_backtrace(thread, "")
                print()
            return
        print_backtrace(threads.find_thread(words[0]), " ".join(words[1:]))


class SwitchCommand(gdb.Command):
    """The two register sets of a context switch in progress: kswitch

Inside switch_context (break there), the CPU still holds the leaving thread's registers while
the arriving thread's wait in its saved Context. kswitch shows both side by side."""

    def __init__(self):
        super().__init__("kswitch", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        stacks.require_stopped_target()
        all_threads = threads.all_threads()
        switch = threads.switch_in_progress(all_threads)
        if switch is None:
            running = [thread for thread in all_threads if thread.is_running]
            print(f"No switch in progress: the CPU runs {running[0].describe()}. "
                  "Break in switch_context to catch one.")
            return
        leaving, arriving = switch
        saved = arriving.saved_registers()
        saved["esp"] = arriving.context_address
        print(f"leaving:  {leaving.describe()}: its registers are the CPU's until "
              "switch_context pushes them")
        print(f"arriving: {arriving.describe()}: its registers wait in its Context at "
              f"{arriving.context_address:#010x}")
        print(f"         {'leaving (the CPU now)':<36}arriving (its saved Context)")
        for name in ("eip", "esp", "ebp", "ebx", "esi", "edi"):
            now = values.register(name)
            line = (f"  {name}    {now:#010x} {describe_register(name, now, False):<25}"
                    f"{saved[name]:#010x} {describe_register(name, saved[name], True)}")
            print(line.rstrip())


def describe_register(name, value, is_return_address):
    if name == "eip":
        return values.function_name(value, is_return_address)
    return ""


def register():
    stacks.register_interrupt_unwinder()
    ThreadsCommand()
    BacktraceCommand()
    SwitchCommand()

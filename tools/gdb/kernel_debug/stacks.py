# Backtraces of threads that are not running, made by gdb's own unwinder.
#
# A switched-out thread is its saved registers (arch::Context): the registers it would have when
# switch_context returns into it. SavedContextLoaded puts exactly those into the CPU for a moment,
# so that `backtrace` (with its inlined frames, arguments and source lines) shows that thread,
# and then puts the real registers back. Only eip, esp, ebp, ebx, esi and edi change, and only
# while the target is stopped under gdb.
#
# gdb cannot unwind through arch/x86/interrupt_entry.asm by itself (assembly without call frame
# information), so InterruptFrameUnwinder teaches it: the caller of interrupt_dispatch is the
# code the interrupt stopped, whose registers are the arch::InterruptFrame the stub saved. That
# makes backtraces of preempted threads, and backtraces taken inside an interrupt handler, reach
# the interrupted code.
import contextlib

from gdb.unwinder import Unwinder, register_unwinder

from . import values

import gdb


class FrameId:
    """What identifies a frame to gdb: its stack address and the start of its function (gdb 14
    has gdb.unwinder.FrameId; gdb 13 takes any object with these two attributes as gdb.Values)."""

    def __init__(self, sp, pc):
        self.sp = gdb.Value(sp)
        self.pc = gdb.Value(pc)

SWITCHED_REGISTERS = ("eip", "esp", "ebp", "ebx", "esi", "edi")
INTERRUPT_STUB = "interrupt_common"
INTERRUPT_HANDLER = "interrupt_dispatch"


def require_stopped_target():
    if gdb.selected_inferior().pid == 0 or not gdb.selected_thread():
        raise gdb.GdbError("no kernel is running: start QEMU with `make debug`, then connect")
    if gdb.selected_thread().is_running():
        raise gdb.GdbError("the kernel is running: interrupt it first (Ctrl-C)")


class SavedContextLoaded:
    """with SavedContextLoaded(registers): gdb's frames are those of the thread that saved
    `registers` (threads.KernelThread.saved_registers()); afterwards the CPU's own registers and
    the selected frame are back."""

    def __init__(self, registers):
        self.registers = registers

    def __enter__(self):
        require_stopped_target()
        self.selected_level = gdb.selected_frame().level()
        newest = gdb.newest_frame()
        self.real = {name: int(newest.read_register(name)) & 0xFFFFFFFF
                     for name in SWITCHED_REGISTERS}
        try:
            self._load(self.registers)
        except BaseException:
            self._load(self.real)
            raise
        return self

    def __exit__(self, *exception):
        self._load(self.real)
        frame = gdb.newest_frame()
        while frame is not None and frame.level() < self.selected_level:
            frame = frame.older()
        (frame or gdb.newest_frame()).select()
        return False

    @staticmethod
    def _load(registers):
        # Frame 0 must be selected: writing a register of an older frame writes the stack slot
        # where that frame saved it.
        for name in SWITCHED_REGISTERS:
            gdb.newest_frame().select()
            gdb.execute(f"set ${name} = {registers[name]:#x}", to_string=True)


def thread_registers_loaded(thread):
    """with thread_registers_loaded(thread): gdb's frames are that thread's, whether it is on the
    CPU (nothing to load) or switched out (its saved context, loaded for the moment)."""
    if thread.is_running:
        return contextlib.nullcontext()
    registers = thread.saved_registers()
    if registers is None:
        raise gdb.GdbError(f"{thread.describe()} has no saved registers")
    return SavedContextLoaded(registers)


class InterruptFrameUnwinder(Unwinder):
    """Unwinds the frame of interrupt_common (arch/x86/interrupt_entry.asm) at the return from
    `call interrupt_dispatch`: there [esp] is the InterruptFrame* argument, and the caller's
    registers are in that frame."""

    def __init__(self):
        super().__init__("kernel interrupt frames")
        self.return_address = None

    def __call__(self, pending_frame):
        pc = int(pending_frame.read_register("eip")) & 0xFFFFFFFF
        if pc != self._dispatch_return_address(pending_frame.architecture()):
            return None
        esp_value = pending_frame.read_register("esp")
        esp = int(esp_value) & 0xFFFFFFFF
        frame_address = values.read_word(esp)
        if frame_address is None:
            return None
        frame_type = gdb.lookup_type("arch::InterruptFrame")
        frame = gdb.Value(frame_address).cast(frame_type.pointer()).dereference()
        unwind_info = pending_frame.create_unwind_info(FrameId(esp, self.stub_start))
        for name in ("eax", "ecx", "edx", "ebx", "ebp", "esi", "edi", "eip", "eflags"):
            unwind_info.add_saved_register(name, frame[name])
        if int(frame["cs"]) & 3 == 3:
            caller_esp = int(frame["user_esp"])  # user code, on its own stack
        else:
            caller_esp = int(frame["user_esp"].address)  # ring 0: the stack went on after eflags
        unwind_info.add_saved_register("esp", gdb.Value(caller_esp).cast(esp_value.type))
        return unwind_info

    def _dispatch_return_address(self, architecture):
        """The address after `call interrupt_dispatch` in the stub, found by disassembling it
        (so the stub can change without this file); 0 until the kernel is in memory."""
        if self.return_address is None:
            self.stub_start = _symbol_address(INTERRUPT_STUB)
            if self.stub_start == 0:
                self.return_address = 0  # a kernel without the stub: nothing to unwind
                return 0
            try:
                instructions = architecture.disassemble(self.stub_start, count=64)
            except gdb.MemoryError:
                return 0  # not loaded yet (gdb stops before GRUB loads the kernel): try later
            self.return_address = 0
            for instruction in instructions:
                if "call" in instruction["asm"] and INTERRUPT_HANDLER in instruction["asm"]:
                    self.return_address = instruction["addr"] + instruction["length"]
                    break
        return self.return_address


def _symbol_address(name):
    try:
        return int(gdb.parse_and_eval(f"(unsigned) &{name}"))
    except gdb.error:
        return 0


def register_interrupt_unwinder():
    register_unwinder(None, InterruptFrameUnwinder(), replace=True)


# Frames that are the mechanism of waiting itself, the same for every thread that waits: the
# answer to "where is this thread?" is the first frame outside these files.
MECHANISM_FILES = ("kernel/sched/scheduler.cpp", "kernel/sync/wait_queue.cpp",
                   "kernel/proc/blocking.cpp")


def frames():
    """gdb's frames from the newest (frame 0) outwards."""
    frame = gdb.newest_frame()
    while frame is not None:
        yield frame
        frame = frame.older()


def code_location(pc, name=None):
    """ "Mutex::lock (kernel/sync/mutex.cpp:22)" for an address of kernel code; user code (no
    symbols in the kernel's file) as "user code at 0x00401234"."""
    if pc < values.constant("memory::USER_END"):
        return f"user code at {pc:#010x}"
    if name is None:
        name = values.function_name(pc).split("+")[0]
    line = gdb.find_pc_line(pc)
    if line.symtab is not None and line.line:
        return f"{values.short_function_name(name)} ({line.symtab.filename}:{line.line})"
    return values.short_function_name(name)


def frame_location(frame):
    """The location of a gdb frame; code_location() with the frame's own (inlined) function."""
    pc = int(frame.pc()) & 0xFFFFFFFF
    if pc < values.constant("memory::USER_END"):
        return code_location(pc)
    name = values.short_function_name(frame.name())
    sal = frame.find_sal()
    if sal.symtab is not None and sal.line:
        return f"{name} ({sal.symtab.filename}:{sal.line})"
    return name


def where(thread):
    """A short answer to "where is this thread?" for kthreads: for a thread the timer preempted,
    the code it was running (its InterruptFrame, which the scheduler keeps); otherwise the first
    frame outside the mechanism of waiting (the scheduler, the wait queue)."""
    if thread.state == "exited":
        return "exited, waiting to be joined or reaped"
    if not thread.has_started:
        return "not started; will run " + values.function_name(thread.entry).split("+")[0]
    if thread.is_running:
        return frame_location(gdb.newest_frame())
    if thread.preempted_frame:
        frame_type = gdb.lookup_type("arch::InterruptFrame").pointer()
        frame = gdb.Value(thread.preempted_frame).cast(frame_type).dereference()
        return "preempted in " + code_location(int(frame["eip"]))
    with thread_registers_loaded(thread):
        for frame in frames():
            sal = frame.find_sal()
            if sal.symtab is None or sal.symtab.filename not in MECHANISM_FILES:
                return frame_location(frame)
    return "?"

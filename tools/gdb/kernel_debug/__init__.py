# The kernel's gdb commands. Each module reads one kind of kernel structure through gdb's value
# API, by the names and types in the kernel's debug information (the kernel is built with -g),
# so a field that moves or changes size needs no change here.
import gdb

from . import paging, processes, thread_commands, waiting


class KernelCommand(gdb.Command):
    """Commands that show the kernel's own structures.

  kthreads          list the threads: state, priority, where, saved registers
  kbt [THREAD]      backtrace of a thread that is not running (from its saved context)
  kswitch           the two register sets of a switch_context in progress
  kwait [OBJECT]    who holds a mutex, who waits for it or a semaphore, in order
  kprocs            list the processes: page directory, threads, handles
  kpt ADDRESS [PID] walk the page tables for a virtual address

Type "help COMMAND" for the details of one of them."""

    def __init__(self):
        super().__init__("kernel", gdb.COMMAND_USER)

    def invoke(self, argument, from_tty):
        print(self.__doc__)


def register_commands():
    KernelCommand()
    paging.register()
    thread_commands.register()
    waiting.register()
    processes.register()

# The kernel's gdb commands. Each module reads one kind of kernel structure through gdb's value
# API, by the names and types in the kernel's debug information (the kernel is built with -g),
# so a field that moves or changes size needs no change here.
import gdb

from . import paging


class KernelCommand(gdb.Command):
    """Commands that show the kernel's own structures.

  kpt ADDRESS       walk the page tables for a virtual address

Type "help COMMAND" for the details of one of them."""

    def __init__(self):
        super().__init__("kernel", gdb.COMMAND_USER)

    def invoke(self, argument, from_tty):
        print(self.__doc__)


def register_commands():
    KernelCommand()
    paging.register()

# The kernel's gdb extension: commands that show the kernel's own structures (threads, wait
# queues, processes, page tables). Load it in any gdb session on build/kernel.elf with
#     source tools/gdb/kernel.py
# (`make gdb` does this through tools/gdb/kernel.gdb); `help kernel` lists the commands.
import os
import sys

import gdb

# The commands live in the kernel_debug package next to this file. Bytecode caches would litter
# the source tree, and the extension is small enough to compile on every load.
sys.dont_write_bytecode = True
_here = os.path.dirname(os.path.abspath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)

# Sourcing the file again (after editing the extension) loads the new code: forget the old
# modules; the commands registered again replace the old ones.
for _name in [name for name in sys.modules if name.split(".")[0] == "kernel_debug"]:
    del sys.modules[_name]

import kernel_debug  # noqa: E402  (needs the path above)

kernel_debug.register_commands()

# gdb start-up script for the kernel, loaded by `make gdb` (which also loads build/kernel.elf).
# Loads the kernel's gdb extension (tools/gdb/kernel.py: kthreads, kbt, kwait, kprocs, kpt),
# connects to QEMU's gdbstub started by `make debug`, and stops in kernel_main.
# Paths are relative to the top of the repository, where `make gdb` runs.
set pagination off
set confirm off
set disassembly-flavor intel
# The kernel is a 32-bit i386 program.
set architecture i386
source tools/gdb/kernel.py
if !$_isvoid($gdb_port)
    eval "target remote localhost:%d", $gdb_port
else
    target remote localhost:1234
end
break kernel_main
echo \nConnected. A breakpoint is set on kernel_main; type `continue` to boot up to it.\n
echo Kernel commands: kthreads, kbt, kwait, kswitch, kprocs, kpt (type `kernel` for a summary).\n

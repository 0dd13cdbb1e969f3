#!/bin/sh
# Turns `nm -n -C -S --defined-only` output into the kernel's symbol module: one line per
# function, "address size name" in hex, sorted by address (kernel/debug/symbol_table.h reads it).
# Only text symbols (t/T/w/W) are kept: a backtrace or a faulting eip is always in code.
#
# Compiled functions carry their size. Labels from NASM files usually do not: such a label gets
# the distance to the next symbol as its size, so an address in an assembly routine (the boot
# entry, an interrupt stub, the context switch) is still named. NASM's local labels
# ("routine.loop") are skipped, so that they do not cut their routine short.
awk '
function hex_value(text,    i, value) {
    value = 0
    for (i = 1; i <= length(text); i++)
        value = value * 16 + index("0123456789abcdef", tolower(substr(text, i, 1))) - 1
    return value
}
function is_text(type) { return type == "T" || type == "t" || type == "W" || type == "w" }
{
    sized = $2 !~ /^[A-Za-z]$/          # without a size, field 2 is already the type letter
    type = sized ? $3 : $2
    first = sized ? 4 : 3
    if (NF < first || type == "a" || type == "A")
        next                            # absolute values (constants) are not addresses
    name = $first; for (i = first + 1; i <= NF; i++) name = name " " $i
    if (!sized && name ~ /^[A-Za-z_][A-Za-z0-9_]*\./)
        next                            # a NASM local label
    address = hex_value($1)
    if (pending_name != "" && address > pending_address)
        printf "%08x %08x %s\n", pending_address, address - pending_address, pending_name
    if (address > pending_address)
        pending_name = ""
    if (is_text(type) && sized)
        print $1, $2, name
    else if (is_text(type)) {
        pending_address = address; pending_name = name
    }
}
'

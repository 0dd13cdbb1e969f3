#!/bin/sh
# Turns `nm -n -C -S --defined-only` output into the kernel's symbol module: one line per
# function, "address size name" in hex, sorted by address. Only text symbols (t/T) are kept:
# a backtrace or a faulting eip is always in code.
awk 'NF >= 4 && ($3 == "T" || $3 == "t" || $3 == "W" || $3 == "w") {
    name = $4; for (i = 5; i <= NF; i++) name = name " " $i
    print $1, $2, name
}'

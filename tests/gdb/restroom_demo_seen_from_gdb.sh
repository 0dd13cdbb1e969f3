#!/usr/bin/env bash
# The restroom demo (user/demos/restroom) under gdb, booted as `make debug DEMO=restroom` boots
# it: kprocs lists init and restroom with their page directories and handles, kpt finds the
# program's code in the frame that holds its bytes, kthreads, kbt and kwait show a worker blocked
# on the door's mutex, and a watchpoint catches the hand-off to the first in line.
# (The checks are in restroom_demo_seen_from_gdb.py.)
exec tests/gdb/lib/run-gdb-test.sh restroom_demo_seen_from_gdb "run=restroom"

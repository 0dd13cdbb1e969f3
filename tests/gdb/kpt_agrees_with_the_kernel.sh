#!/usr/bin/env bash
# kpt walks the page tables like the MMU: at a checkpoint of a kernel test, the frames it finds
# for a user page and a heap block are the ones the kernel printed; kernel text is read-only at
# its load address. (The checks are in kpt_agrees_with_the_kernel.py.)
exec tests/gdb/lib/run-gdb-test.sh kpt_agrees_with_the_kernel "test=debugger_sees_user_and_heap_mappings"

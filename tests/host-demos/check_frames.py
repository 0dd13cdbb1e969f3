#!/usr/bin/env python3
"""Checks the frames a demo drew (its stdout, read on stdin) fit an 80 x 25 screen.

A frame starts with the cursor going home (ESC [ H) and ends by clearing the rest of the screen
(ESC [ J). With the escape sequences removed, a frame must have at most 24 lines (a 25th line's
newline would scroll the screen) of at most 79 characters. The frames are UTF-8 (box and block
characters take one column each, as on the kernel's VGA console); bytes that are not UTF-8 are
a problem too. Prints the number of frames; each
problem goes to stderr, which the caller expects to be empty.
"""
import re
import sys

ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
MAX_LINES = 24
MAX_WIDTH = 79


def main():
    raw = sys.stdin.buffer.read()
    text = raw.decode("utf-8", errors="replace")
    if "\ufffd" in text:
        print("the output is not valid UTF-8", file=sys.stderr)
    frames = 0
    position = text.find("\x1b[H")
    while position >= 0:
        end = text.find("\x1b[J", position)
        if end < 0:
            print(f"frame {frames + 1} never ends (no ESC [ J)", file=sys.stderr)
            break
        frames += 1
        lines = ESCAPE.sub("", text[position + 3:end]).split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if len(lines) > MAX_LINES:
            print(f"frame {frames}: {len(lines)} lines", file=sys.stderr)
        for number, line in enumerate(lines, 1):
            if len(line) > MAX_WIDTH:
                print(f"frame {frames} line {number}: {len(line)} columns: {line!r}",
                      file=sys.stderr)
        position = text.find("\x1b[H", end)
    print(frames)


if __name__ == "__main__":
    main()

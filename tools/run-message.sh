#!/bin/sh
# Tells the user, before QEMU takes over the terminal, how to get out again.
case "$1" in
*-nographic*)
    echo "Serial console on this terminal. Quit QEMU: press Ctrl-A, then X." ;;
*curses*)
    echo "VGA screen in this terminal (serial output goes to build/serial.log)."
    echo "Quit QEMU: press Esc then 2 (or Alt-2) for the QEMU monitor, type quit, press Enter."
    sleep 1 ;;
*)
    echo "QEMU window opened; serial output appears here. Quit: close the window or Ctrl-C." ;;
esac

#!/usr/bin/env python3
"""Writes the damaged programs the fuzzer spawns (user/data/bad-elf-*): ELF32 files that are
wrong in one way each, so that spawn must refuse them with ENOEXEC and the kernel must not trip
over them. Run it again only to change them; the files are committed.

    tools/fuzz/make_bad_programs.py user/data
"""
import struct
import sys
from pathlib import Path

ELF_HEADER = struct.Struct("<16sHHIIIIIHHHHHH")
PROGRAM_HEADER = struct.Struct("<IIIIIIII")
PT_LOAD = 1
EM_386, EM_X86_64 = 3, 62


def program(machine=EM_386, entry=0x400000, vaddr=0x400000, offset=0x1000, filesz=0x100,
            memsz=0x1000, file_size=0x1100):
    """A static executable with one PT_LOAD segment (read, execute) and the given fields."""
    ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)  # 32-bit, little-endian, version 1
    header = ELF_HEADER.pack(ident, 2, machine, 1, entry, ELF_HEADER.size, 0, 0,
                             ELF_HEADER.size, PROGRAM_HEADER.size, 1, 40, 0, 0)
    segment = PROGRAM_HEADER.pack(PT_LOAD, offset, vaddr, vaddr, filesz, memsz, 5, 0x1000)
    data = bytearray(header + segment)
    data.extend(bytes(max(0, file_size - len(data))))
    data[0x1000:0x1002] = b"\xeb\xfe" if file_size >= 0x1002 else b""  # jmp $ where it fits
    return bytes(data)


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "user/data")
    files = {
        # the header ends in the middle
        "bad-elf-truncated": program()[:30],
        # a program for another machine
        "bad-elf-machine": program(machine=EM_X86_64),
        # a segment that would be loaded into the kernel's half
        "bad-elf-kernel-segment": program(vaddr=0xC0000000, entry=0xC0000000),
        # a segment whose bytes lie past the end of the file
        "bad-elf-segment-past-file": program(offset=0x10000, filesz=0x2000, memsz=0x2000),
        # the entry point lies outside every segment
        "bad-elf-entry": program(entry=0x00100000),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    main()

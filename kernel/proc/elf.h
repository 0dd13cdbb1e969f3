// Checks an ELF32 executable before any of it is loaded: the file header, the program headers,
// and every loadable segment (inside the file, inside user space, aligned, not overlapping), so
// that the loader that follows can trust what it reads. Pure logic, tested on the host.
#pragma once

#include "libk/types.h"

namespace elf {

// The two ELF32 structures the loader reads (System V ABI, "Object Files"), field for field.
struct FileHeader {
    uint8_t identification[16]; // magic, class, data encoding, version, OS ABI, padding
    uint16_t type;
    uint16_t machine;
    uint32_t version;
    uint32_t entry;
    uint32_t program_header_offset;
    uint32_t section_header_offset;
    uint32_t flags;
    uint16_t header_size;
    uint16_t program_header_size;
    uint16_t program_header_count;
    uint16_t section_header_size;
    uint16_t section_header_count;
    uint16_t section_name_table_index;
};
static_assert(sizeof(FileHeader) == 52);

struct ProgramHeader {
    uint32_t type;
    uint32_t offset;
    uint32_t virtual_address;
    uint32_t physical_address;
    uint32_t file_size;
    uint32_t memory_size;
    uint32_t flags;
    uint32_t alignment;
};
static_assert(sizeof(ProgramHeader) == 32);

// Values of the fields above that matter here.
constexpr uint8_t CLASS_32 = 1;
constexpr uint8_t DATA_LITTLE_ENDIAN = 1; // ELFDATA2LSB
constexpr uint8_t CURRENT_VERSION = 1;
constexpr uint16_t TYPE_EXECUTABLE = 2;
constexpr uint16_t TYPE_SHARED_OBJECT = 3; // also position-independent executables
constexpr uint16_t MACHINE_386 = 3;
constexpr uint32_t SEGMENT_LOAD = 1;
constexpr uint32_t SEGMENT_DYNAMIC = 2;
constexpr uint32_t SEGMENT_INTERPRETER = 3;
constexpr uint32_t SEGMENT_THREAD_LOCAL = 7;
constexpr uint32_t SEGMENT_EXECUTABLE = 1; // flag bits
constexpr uint32_t SEGMENT_WRITABLE = 2;
constexpr uint32_t SEGMENT_READABLE = 4;

constexpr size_t MAX_PROGRAM_HEADERS = 32;
constexpr size_t MAX_LOAD_SEGMENTS = 8;

// One PT_LOAD segment: bytes [file_offset, file_offset + file_size) of the file go to
// [virtual_address, ...); the rest up to memory_size is zero (.bss).
struct LoadSegment {
    uint32_t virtual_address;
    uint32_t memory_size;
    uint32_t file_offset;
    uint32_t file_size;
    bool readable;
    bool writable;
    bool executable;
};

// What the loader needs from a valid executable.
struct Executable {
    uint32_t entry;
    LoadSegment segments[MAX_LOAD_SEGMENTS]; // in program header order
    size_t segment_count;
    uint32_t image_end; // end of the highest segment, rounded up to a page: the heap starts here
};

enum class ElfError {
    None,
    FileTooSmall,              // shorter than the file header
    NotElf,                    // no \x7fELF magic
    Not32Bit,                  // ELFCLASS64 or unknown class
    NotLittleEndian,           //
    BadVersion,                // identification or header version is not 1
    NotExecutable,             // a relocatable object, core file, ...
    PositionIndependent,       // ET_DYN: needs relocation, which this loader does not do
    WrongMachine,              // not i386
    BadHeaderSize,             // e_ehsize is not 52
    BadProgramHeaderSize,      // e_phentsize is not 32
    NoProgramHeaders,          //
    TooManyProgramHeaders,     // more than MAX_PROGRAM_HEADERS
    ProgramHeadersOutsideFile, // the table does not lie within the file
    DynamicLinking,            // PT_INTERP or PT_DYNAMIC: only static programs are supported
    ThreadLocalStorage,        // PT_TLS: not supported
    TooManySegments,           // more than MAX_LOAD_SEGMENTS loadable segments
    SegmentOutsideFile,        // p_offset + p_filesz beyond the end of the file
    FileSizeAboveMemorySize,   // p_filesz > p_memsz
    SegmentOutsideUserSpace,   // below the first user page, into the kernel, or wrapping around
    BadAlignment,              // p_align is not a power of two
    MisalignedSegment,         // p_vaddr and p_offset disagree modulo p_align
    SegmentsOverlap,           // two segments share a page
    NoLoadableSegment,         //
    EntryOutsideCode,          // entry point not in the file part of an executable segment
};

// A sentence for the kernel log ("segment reaches outside user space").
const char* describe(ElfError error);

// The verdict of validate_executable and, when a program header is at fault, which one.
struct ElfDiagnosis {
    ElfError error = ElfError::None;
    int program_header = -1; // index into the program header table, -1 when not about one

    bool valid() const { return error == ElfError::None; }
};

// Validates the `size` bytes at `file` as a static i386 executable for user space and, when it
// is one, fills `executable`. The file may be at any alignment (the initrd packs files on
// 512-byte boundaries only); headers are copied out before they are read.
[[nodiscard]] ElfDiagnosis validate_executable(const void* file, size_t size,
                                               Executable& executable);

} // namespace elf

// ELF32 validation: first the file header, then each program header, then the relations between
// segments (overlap) and the entry point. Every check that compares offsets or addresses is
// written so that it cannot overflow: a malicious header must not wrap a sum around to pass.
#include "kernel/proc/elf.h"
#include "libk/abi/program_start.h"

namespace elf {
namespace {

constexpr uint32_t PAGE_SIZE = 4096;

// Offsets into FileHeader::identification.
constexpr size_t IDENTIFICATION_CLASS = 4;
constexpr size_t IDENTIFICATION_DATA = 5;
constexpr size_t IDENTIFICATION_VERSION = 6;

// True when [offset, offset + length) lies within [0, limit).
bool fits_within(uint32_t offset, uint32_t length, size_t limit) {
    return offset <= limit && length <= limit - offset;
}

ElfError check_file_header(const FileHeader& header, size_t file_size) {
    const uint8_t* id = header.identification;
    if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
        return ElfError::NotElf;
    if (id[IDENTIFICATION_CLASS] != CLASS_32)
        return ElfError::Not32Bit;
    if (id[IDENTIFICATION_DATA] != DATA_LITTLE_ENDIAN)
        return ElfError::NotLittleEndian;
    if (id[IDENTIFICATION_VERSION] != CURRENT_VERSION || header.version != CURRENT_VERSION)
        return ElfError::BadVersion;
    if (header.type == TYPE_SHARED_OBJECT)
        return ElfError::PositionIndependent;
    if (header.type != TYPE_EXECUTABLE)
        return ElfError::NotExecutable;
    if (header.machine != MACHINE_386)
        return ElfError::WrongMachine;
    if (header.header_size != sizeof(FileHeader))
        return ElfError::BadHeaderSize;
    if (header.program_header_size != sizeof(ProgramHeader))
        return ElfError::BadProgramHeaderSize;
    if (header.program_header_count == 0)
        return ElfError::NoProgramHeaders;
    if (header.program_header_count > MAX_PROGRAM_HEADERS)
        return ElfError::TooManyProgramHeaders;
    // At most 32 entries of 32 bytes: the product cannot overflow.
    uint32_t table_size = header.program_header_count * sizeof(ProgramHeader);
    if (!fits_within(header.program_header_offset, table_size, file_size))
        return ElfError::ProgramHeadersOutsideFile;
    return ElfError::None;
}

bool is_power_of_two(uint32_t value) {
    return value != 0 && (value & (value - 1)) == 0;
}

ElfError check_load_segment(const ProgramHeader& header, size_t file_size) {
    if (!fits_within(header.offset, header.file_size, file_size))
        return ElfError::SegmentOutsideFile;
    if (header.file_size > header.memory_size)
        return ElfError::FileSizeAboveMemorySize;
    if (header.virtual_address < ABI_USER_SPACE_START ||
        !fits_within(header.virtual_address, header.memory_size, ABI_USER_SPACE_END))
        return ElfError::SegmentOutsideUserSpace;
    // The specification: 0 and 1 mean "no alignment"; otherwise a power of two by which the
    // address and the file offset agree, so that pages of the file could be mapped directly.
    if (header.alignment > 1) {
        if (!is_power_of_two(header.alignment))
            return ElfError::BadAlignment;
        if (header.virtual_address % header.alignment != header.offset % header.alignment)
            return ElfError::MisalignedSegment;
    }
    return ElfError::None;
}

LoadSegment to_load_segment(const ProgramHeader& header) {
    return LoadSegment{
        .virtual_address = header.virtual_address,
        .memory_size = header.memory_size,
        .file_offset = header.offset,
        .file_size = header.file_size,
        .readable = (header.flags & SEGMENT_READABLE) != 0,
        .writable = (header.flags & SEGMENT_WRITABLE) != 0,
        .executable = (header.flags & SEGMENT_EXECUTABLE) != 0,
    };
}

// Pages are the unit of protection, so two segments may not even share one: the page would
// need both segments' permissions.
uint32_t first_page(const LoadSegment& segment) {
    return segment.virtual_address / PAGE_SIZE;
}
uint32_t end_page(const LoadSegment& segment) {
    // The segment ends at or below ABI_USER_SPACE_END, so rounding up cannot overflow.
    return (segment.virtual_address + segment.memory_size + PAGE_SIZE - 1) / PAGE_SIZE;
}

bool segments_overlap(const LoadSegment& a, const LoadSegment& b) {
    return first_page(a) < end_page(b) && first_page(b) < end_page(a);
}

bool entry_in_code(const Executable& executable) {
    for (size_t i = 0; i < executable.segment_count; ++i) {
        const LoadSegment& segment = executable.segments[i];
        if (segment.executable && executable.entry >= segment.virtual_address &&
            executable.entry - segment.virtual_address < segment.file_size)
            return true;
    }
    return false;
}

// Checks one program header and, if it is loadable, appends it to `executable`.
ElfError add_program_header(const ProgramHeader& header, size_t file_size, Executable& executable) {
    switch (header.type) {
    case SEGMENT_INTERPRETER:
    case SEGMENT_DYNAMIC:
        return ElfError::DynamicLinking;
    case SEGMENT_THREAD_LOCAL:
        return ElfError::ThreadLocalStorage;
    case SEGMENT_LOAD:
        break;
    default:
        return ElfError::None; // notes, stack flags, ...: nothing to load
    }
    if (header.memory_size == 0)
        return ElfError::None; // an empty segment loads nothing
    if (ElfError error = check_load_segment(header, file_size); error != ElfError::None)
        return error;
    if (executable.segment_count == MAX_LOAD_SEGMENTS)
        return ElfError::TooManySegments;
    LoadSegment segment = to_load_segment(header);
    for (size_t i = 0; i < executable.segment_count; ++i) {
        if (segments_overlap(executable.segments[i], segment))
            return ElfError::SegmentsOverlap;
    }
    executable.segments[executable.segment_count++] = segment;
    uint32_t end = end_page(segment) * PAGE_SIZE;
    if (end > executable.image_end)
        executable.image_end = end;
    return ElfError::None;
}

} // namespace

ElfDiagnosis validate_executable(const void* file, size_t size, Executable& executable) {
    auto* bytes = static_cast<const uint8_t*>(file);
    if (size < sizeof(FileHeader))
        return {ElfError::FileTooSmall};
    FileHeader header;
    __builtin_memcpy(&header, bytes, sizeof header);
    if (ElfError error = check_file_header(header, size); error != ElfError::None)
        return {error};

    executable = Executable{};
    executable.entry = header.entry;
    for (int i = 0; i < header.program_header_count; ++i) {
        ProgramHeader program_header;
        __builtin_memcpy(&program_header,
                         bytes + header.program_header_offset + i * sizeof program_header,
                         sizeof program_header);
        if (ElfError error = add_program_header(program_header, size, executable);
            error != ElfError::None)
            return {error, i};
    }
    if (executable.segment_count == 0)
        return {ElfError::NoLoadableSegment};
    if (!entry_in_code(executable))
        return {ElfError::EntryOutsideCode};
    return {};
}

const char* describe(ElfError error) {
    switch (error) {
    case ElfError::None:
        return "valid executable";
    case ElfError::FileTooSmall:
        return "file is smaller than an ELF header";
    case ElfError::NotElf:
        return "not an ELF file (bad magic number)";
    case ElfError::Not32Bit:
        return "not a 32-bit ELF file";
    case ElfError::NotLittleEndian:
        return "not little-endian";
    case ElfError::BadVersion:
        return "unknown ELF version";
    case ElfError::NotExecutable:
        return "not an executable (an object or core file?)";
    case ElfError::PositionIndependent:
        return "position-independent executables are not supported (link with -no-pie)";
    case ElfError::WrongMachine:
        return "not an i386 program";
    case ElfError::BadHeaderSize:
        return "unexpected ELF header size";
    case ElfError::BadProgramHeaderSize:
        return "unexpected program header size";
    case ElfError::NoProgramHeaders:
        return "no program headers";
    case ElfError::TooManyProgramHeaders:
        return "too many program headers";
    case ElfError::ProgramHeadersOutsideFile:
        return "program header table extends past the end of the file";
    case ElfError::DynamicLinking:
        return "dynamically linked programs are not supported (link statically)";
    case ElfError::ThreadLocalStorage:
        return "thread-local storage segments are not supported";
    case ElfError::TooManySegments:
        return "too many loadable segments";
    case ElfError::SegmentOutsideFile:
        return "segment extends past the end of the file";
    case ElfError::FileSizeAboveMemorySize:
        return "segment has more bytes in the file than in memory";
    case ElfError::SegmentOutsideUserSpace:
        return "segment lies outside user space";
    case ElfError::BadAlignment:
        return "segment alignment is not a power of two";
    case ElfError::MisalignedSegment:
        return "segment address and file offset disagree with its alignment";
    case ElfError::SegmentsOverlap:
        return "segments overlap or share a page";
    case ElfError::NoLoadableSegment:
        return "nothing to load";
    case ElfError::EntryOutsideCode:
        return "entry point is not inside an executable segment";
    }
    return "unknown ELF error";
}

} // namespace elf

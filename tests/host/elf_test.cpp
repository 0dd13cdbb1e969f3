// Host tests of the ELF32 validator: a valid two-segment executable built in memory, then one
// broken field at a time, each of which must be refused with its own error.
#include "kernel/proc/elf.h"
#include <cstring>
#include <gtest/gtest.h>
#include <vector>

namespace {

using elf::ElfError;

constexpr uint32_t CODE_ADDRESS = 0x00400000;
constexpr uint32_t DATA_ADDRESS = 0x00401000;

// A file laid out as a linker would: headers and code in the first page, data in the second.
struct TestFile {
    elf::FileHeader header{};
    elf::ProgramHeader program_headers[3]{};
    std::vector<uint8_t> bytes;

    TestFile() {
        const uint8_t identification[] = {0x7f, 'E', 'L', 'F', 1, 1, 1};
        std::memcpy(header.identification, identification, sizeof identification);
        header.type = elf::TYPE_EXECUTABLE;
        header.machine = elf::MACHINE_386;
        header.version = 1;
        header.entry = CODE_ADDRESS + 0x100;
        header.program_header_offset = sizeof(elf::FileHeader);
        header.header_size = sizeof(elf::FileHeader);
        header.program_header_size = sizeof(elf::ProgramHeader);
        header.program_header_count = 3;
        // Code: read and execute, the first page of the file.
        program_headers[0] = {
            elf::SEGMENT_LOAD, 0, CODE_ADDRESS, CODE_ADDRESS, 0x1000, 0x1000, 5, 0x1000};
        // Data: 0x100 bytes from the file, then zeros (.bss) up to two pages.
        program_headers[1] = {
            elf::SEGMENT_LOAD, 0x1000, DATA_ADDRESS, DATA_ADDRESS, 0x100, 0x2000, 6, 0x1000};
        // A note, which the validator must ignore.
        program_headers[2] = {4, 0, 0, 0, 0, 0, 4, 4};
        bytes.resize(0x1100);
    }

    // The file with the headers written in, as the validator sees it.
    std::vector<uint8_t> image() const {
        std::vector<uint8_t> file = bytes;
        std::memcpy(file.data(), &header, sizeof header);
        if (header.program_header_offset + sizeof program_headers <= file.size())
            std::memcpy(file.data() + header.program_header_offset, program_headers,
                        sizeof program_headers);
        return file;
    }

    elf::ElfDiagnosis validate(elf::Executable& executable) const {
        std::vector<uint8_t> file = image();
        return elf::validate_executable(file.data(), file.size(), executable);
    }
    elf::ElfDiagnosis validate() const {
        elf::Executable executable;
        return validate(executable);
    }
};

void expect_refused(const TestFile& file, ElfError error, int program_header = -1) {
    elf::ElfDiagnosis diagnosis = file.validate();
    EXPECT_EQ(diagnosis.error, error) << elf::describe(diagnosis.error);
    EXPECT_EQ(diagnosis.program_header, program_header);
    EXPECT_FALSE(diagnosis.valid());
}

TEST(Elf, AcceptsAValidExecutable) {
    TestFile file;
    elf::Executable executable;
    elf::ElfDiagnosis diagnosis = file.validate(executable);
    ASSERT_TRUE(diagnosis.valid()) << elf::describe(diagnosis.error);
    EXPECT_EQ(executable.entry, CODE_ADDRESS + 0x100);
    ASSERT_EQ(executable.segment_count, 2u);
    EXPECT_EQ(executable.segments[0].virtual_address, CODE_ADDRESS);
    EXPECT_TRUE(executable.segments[0].executable);
    EXPECT_FALSE(executable.segments[0].writable);
    EXPECT_EQ(executable.segments[1].file_offset, 0x1000u);
    EXPECT_EQ(executable.segments[1].file_size, 0x100u);
    EXPECT_EQ(executable.segments[1].memory_size, 0x2000u);
    EXPECT_TRUE(executable.segments[1].writable);
    EXPECT_FALSE(executable.segments[1].executable);
    EXPECT_EQ(executable.image_end, DATA_ADDRESS + 0x2000);
}

TEST(Elf, AcceptsUnalignedFileStart) {
    // The initrd guarantees only 512-byte alignment, and a loader must not assume more.
    TestFile file;
    std::vector<uint8_t> image = file.image();
    std::vector<uint8_t> shifted(image.size() + 1);
    std::memcpy(shifted.data() + 1, image.data(), image.size());
    elf::Executable executable;
    EXPECT_TRUE(elf::validate_executable(shifted.data() + 1, image.size(), executable).valid());
}

TEST(Elf, RefusesFilesShorterThanTheHeader) {
    TestFile file;
    std::vector<uint8_t> image = file.image();
    elf::Executable executable;
    EXPECT_EQ(elf::validate_executable(image.data(), 51, executable).error, ElfError::FileTooSmall);
    EXPECT_EQ(elf::validate_executable(image.data(), 0, executable).error, ElfError::FileTooSmall);
}

TEST(Elf, RefusesBadIdentification) {
    TestFile file;
    file.header.identification[1] = 'X';
    expect_refused(file, ElfError::NotElf);
    file = TestFile();
    file.header.identification[4] = 2; // ELFCLASS64
    expect_refused(file, ElfError::Not32Bit);
    file = TestFile();
    file.header.identification[5] = 2; // big-endian
    expect_refused(file, ElfError::NotLittleEndian);
    file = TestFile();
    file.header.identification[6] = 0;
    expect_refused(file, ElfError::BadVersion);
    file = TestFile();
    file.header.version = 2;
    expect_refused(file, ElfError::BadVersion);
}

TEST(Elf, RefusesWrongTypeAndMachine) {
    TestFile file;
    file.header.type = 1; // relocatable object
    expect_refused(file, ElfError::NotExecutable);
    file.header.type = elf::TYPE_SHARED_OBJECT;
    expect_refused(file, ElfError::PositionIndependent);
    file = TestFile();
    file.header.machine = 62; // x86-64
    expect_refused(file, ElfError::WrongMachine);
}

TEST(Elf, RefusesBadHeaderSizes) {
    TestFile file;
    file.header.header_size = 64;
    expect_refused(file, ElfError::BadHeaderSize);
    file = TestFile();
    file.header.program_header_size = 56;
    expect_refused(file, ElfError::BadProgramHeaderSize);
}

TEST(Elf, RefusesMissingOrExcessiveProgramHeaders) {
    TestFile file;
    file.header.program_header_count = 0;
    expect_refused(file, ElfError::NoProgramHeaders);
    file.header.program_header_count = elf::MAX_PROGRAM_HEADERS + 1;
    expect_refused(file, ElfError::TooManyProgramHeaders);
}

TEST(Elf, RefusesProgramHeaderTableOutsideTheFile) {
    TestFile file;
    file.header.program_header_offset = 0x1100 - 32; // the table's end passes the file's end
    expect_refused(file, ElfError::ProgramHeadersOutsideFile);
    file.header.program_header_offset = 0xFFFFFFF0; // offset + size wraps around
    expect_refused(file, ElfError::ProgramHeadersOutsideFile);
}

TEST(Elf, RefusesDynamicLinkingAndThreadLocalStorage) {
    TestFile file;
    file.program_headers[2].type = elf::SEGMENT_INTERPRETER;
    expect_refused(file, ElfError::DynamicLinking, 2);
    file.program_headers[2].type = elf::SEGMENT_DYNAMIC;
    expect_refused(file, ElfError::DynamicLinking, 2);
    file.program_headers[2].type = elf::SEGMENT_THREAD_LOCAL;
    expect_refused(file, ElfError::ThreadLocalStorage, 2);
}

TEST(Elf, RefusesSegmentsOutsideTheFile) {
    TestFile file;
    file.program_headers[1].file_size = 0x101; // one byte past the end of the file
    expect_refused(file, ElfError::SegmentOutsideFile, 1);
    file = TestFile();
    file.program_headers[1].offset = 0xFFFFF000; // offset + size wraps around
    file.program_headers[1].virtual_address = 0x00401000 + 0xFFFFF000 % 0x1000;
    expect_refused(file, ElfError::SegmentOutsideFile, 1);
}

TEST(Elf, RefusesMoreFileBytesThanMemoryBytes) {
    TestFile file;
    file.program_headers[1].memory_size = 0xFF;
    expect_refused(file, ElfError::FileSizeAboveMemorySize, 1);
}

TEST(Elf, RefusesSegmentsOutsideUserSpace) {
    TestFile file;
    file.program_headers[1].virtual_address = 0; // page zero stays unmapped
    expect_refused(file, ElfError::SegmentOutsideUserSpace, 1);
    file.program_headers[1].virtual_address = 0xC0000000; // the kernel
    expect_refused(file, ElfError::SegmentOutsideUserSpace, 1);
    file.program_headers[1].virtual_address = 0xBFFFF000; // starts in user space, ends beyond
    expect_refused(file, ElfError::SegmentOutsideUserSpace, 1);
    file.program_headers[1].virtual_address = 0xFFFFF000; // wraps around to address 0
    file.program_headers[1].memory_size = 0x2000;
    expect_refused(file, ElfError::SegmentOutsideUserSpace, 1);
}

TEST(Elf, AcceptsASegmentEndingExactlyAtTheKernel) {
    TestFile file;
    file.program_headers[1].virtual_address = 0xBFFFE000;
    elf::ElfDiagnosis diagnosis = file.validate();
    EXPECT_TRUE(diagnosis.valid()) << elf::describe(diagnosis.error);
}

TEST(Elf, RefusesBadAlignment) {
    TestFile file;
    file.program_headers[1].alignment = 0x1800; // not a power of two
    expect_refused(file, ElfError::BadAlignment, 1);
    file.program_headers[1].alignment = 0x1000;
    file.program_headers[1].virtual_address = DATA_ADDRESS + 4; // address and offset disagree
    expect_refused(file, ElfError::MisalignedSegment, 1);
}

TEST(Elf, AlignmentZeroAndOneMeanNone) {
    TestFile file;
    file.program_headers[1].virtual_address = DATA_ADDRESS + 4;
    file.program_headers[1].alignment = 0;
    EXPECT_TRUE(file.validate().valid());
    file.program_headers[1].alignment = 1;
    EXPECT_TRUE(file.validate().valid());
}

TEST(Elf, RefusesOverlappingSegments) {
    TestFile file;
    file.program_headers[1].virtual_address = CODE_ADDRESS + 0x800; // inside the code segment
    file.program_headers[1].alignment = 0;
    expect_refused(file, ElfError::SegmentsOverlap, 1);
    // Not overlapping bytes, but sharing the code's page: its protection would be ambiguous.
    file.program_headers[0].file_size = 0x800;
    file.program_headers[0].memory_size = 0x800;
    file.program_headers[1].virtual_address = CODE_ADDRESS + 0x900;
    expect_refused(file, ElfError::SegmentsOverlap, 1);
}

TEST(Elf, RefusesTooManyLoadableSegments) {
    // Nine one-page segments, each in its own page and within the file.
    struct {
        elf::FileHeader header;
        elf::ProgramHeader program_headers[elf::MAX_LOAD_SEGMENTS + 1];
    } headers{};
    TestFile model;
    headers.header = model.header;
    headers.header.program_header_count = elf::MAX_LOAD_SEGMENTS + 1;
    for (uint32_t i = 0; i <= elf::MAX_LOAD_SEGMENTS; ++i) {
        uint32_t address = CODE_ADDRESS + i * 0x1000;
        headers.program_headers[i] = {elf::SEGMENT_LOAD, 0, address, address, 0x10, 0x10, 5, 0};
    }
    std::vector<uint8_t> file(0x1000);
    std::memcpy(file.data(), &headers, sizeof headers);
    elf::Executable executable;
    elf::ElfDiagnosis diagnosis = elf::validate_executable(file.data(), file.size(), executable);
    EXPECT_EQ(diagnosis.error, ElfError::TooManySegments);
    EXPECT_EQ(diagnosis.program_header, static_cast<int>(elf::MAX_LOAD_SEGMENTS));
}

TEST(Elf, RefusesAFileWithNothingToLoad) {
    TestFile file;
    file.program_headers[0].type = 4;
    file.program_headers[1].memory_size = 0; // empty segments load nothing
    file.program_headers[1].file_size = 0;
    expect_refused(file, ElfError::NoLoadableSegment);
}

TEST(Elf, RefusesAnEntryPointOutsideCode) {
    TestFile file;
    file.header.entry = DATA_ADDRESS; // loaded, but not executable
    expect_refused(file, ElfError::EntryOutsideCode);
    file.header.entry = 0x00300000; // not loaded at all
    expect_refused(file, ElfError::EntryOutsideCode);
    file.header.entry = CODE_ADDRESS + 0x1000; // one past the end of the code
    expect_refused(file, ElfError::EntryOutsideCode);
    file.header.entry = CODE_ADDRESS + 0xFFF; // the last byte of the code is fine
    EXPECT_TRUE(file.validate().valid());
}

TEST(Elf, EveryErrorHasADescription) {
    for (int error = 0; error <= static_cast<int>(ElfError::EntryOutsideCode); ++error)
        EXPECT_STRNE(elf::describe(static_cast<ElfError>(error)), "unknown ELF error");
}

} // namespace

// Host tests of the ustar reader: archives built in memory entry by entry, then damaged in every
// way the reader must notice (checksums, magic, numbers, truncation anywhere). The last test reads
// the real initrd that `make` packs with the host's tar, and validates every program in it.
#include "kernel/proc/elf.h"
#include "kernel/proc/tar.h"
#include <cstdio>
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>
#include <vector>

namespace {

using tar::TarStatus;

// Builds an archive the way tar --format=ustar lays it out.
class ArchiveBuilder {
public:
    // Adds a header (and the data, padded to a block) and returns the header's offset.
    size_t add(const std::string& name, const std::string& data, char type = '0',
               const std::string& prefix = "") {
        size_t offset = m_bytes.size();
        uint8_t header[tar::BLOCK_SIZE] = {};
        std::memcpy(header, name.data(), std::min<size_t>(name.size(), 100));
        std::snprintf(reinterpret_cast<char*>(header + 100), 8, "%07o", 0644);
        std::snprintf(reinterpret_cast<char*>(header + 108), 8, "%07o", 0);
        std::snprintf(reinterpret_cast<char*>(header + 116), 8, "%07o", 0);
        std::snprintf(reinterpret_cast<char*>(header + 124), 12, "%011zo", data.size());
        std::snprintf(reinterpret_cast<char*>(header + 136), 12, "%011o", 0);
        header[156] = static_cast<uint8_t>(type);
        std::memcpy(header + 257, "ustar", 6);
        std::memcpy(header + 263, "00", 2);
        std::memcpy(header + 345, prefix.data(), std::min<size_t>(prefix.size(), 155));
        m_bytes.insert(m_bytes.end(), header, header + sizeof header);
        seal(offset);
        m_bytes.insert(m_bytes.end(), data.begin(), data.end());
        m_bytes.resize((m_bytes.size() + tar::BLOCK_SIZE - 1) / tar::BLOCK_SIZE * tar::BLOCK_SIZE);
        return offset;
    }

    // Writes the checksum of the header at `offset` (after the test changed a field).
    void seal(size_t offset) {
        uint8_t* header = &m_bytes[offset];
        std::memset(header + 148, ' ', 8);
        unsigned sum = 0;
        for (size_t i = 0; i < tar::BLOCK_SIZE; ++i)
            sum += header[i];
        std::snprintf(reinterpret_cast<char*>(header + 148), 8, "%06o", sum);
        header[155] = ' ';
    }

    void finish() { m_bytes.resize(m_bytes.size() + 2 * tar::BLOCK_SIZE, 0); }

    std::vector<uint8_t>& bytes() { return m_bytes; }

private:
    std::vector<uint8_t> m_bytes;
};

std::vector<uint8_t> sample_archive() {
    ArchiveBuilder builder;
    builder.add("bin/", "", '5');
    builder.add("bin/hello", "hello program");
    builder.add("bin/empty", "");
    builder.add("notes.txt", std::string(600, 'n')); // two data blocks
    builder.finish();
    return builder.bytes();
}

TEST(Tar, ReadsEntriesInOrder) {
    std::vector<uint8_t> archive = sample_archive();
    tar::Reader reader(archive.data(), archive.size());
    tar::Entry entry;
    ASSERT_EQ(reader.next(entry), TarStatus::Entry);
    EXPECT_STREQ(entry.path, "bin/");
    EXPECT_EQ(entry.type, tar::EntryType::Directory);
    ASSERT_EQ(reader.next(entry), TarStatus::Entry);
    EXPECT_STREQ(entry.path, "bin/hello");
    EXPECT_EQ(entry.type, tar::EntryType::File);
    EXPECT_EQ(entry.mode, 0644u);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(entry.data), entry.size), "hello program");
    ASSERT_EQ(reader.next(entry), TarStatus::Entry);
    EXPECT_STREQ(entry.path, "bin/empty");
    EXPECT_EQ(entry.size, 0u);
    ASSERT_EQ(reader.next(entry), TarStatus::Entry);
    EXPECT_EQ(entry.size, 600u);
    EXPECT_EQ(entry.data[599], 'n');
    EXPECT_EQ(reader.next(entry), TarStatus::End);
    EXPECT_EQ(reader.next(entry), TarStatus::End); // and stays there
}

TEST(Tar, JoinsPrefixAndName) {
    ArchiveBuilder builder;
    std::string long_name(100, 'a'); // fills the field: no terminating NUL
    builder.add(long_name, "x", '0', "some/deep/folder");
    builder.finish();
    tar::Entry entry;
    ASSERT_EQ(tar::find(builder.bytes().data(), builder.bytes().size(),
                        ("/some/deep/folder/" + long_name).c_str(), entry),
              TarStatus::Entry);
    EXPECT_EQ(std::string(entry.path), "some/deep/folder/" + long_name);
}

TEST(Tar, ListsOtherEntryTypesWithoutOpeningThem) {
    ArchiveBuilder builder;
    builder.add("link", "", '2');
    builder.finish();
    tar::Reader reader(builder.bytes().data(), builder.bytes().size());
    tar::Entry entry;
    ASSERT_EQ(reader.next(entry), TarStatus::Entry);
    EXPECT_EQ(entry.type, tar::EntryType::Other);
}

TEST(Tar, FindsPathsInAnySpelling) {
    std::vector<uint8_t> archive = sample_archive();
    tar::Entry entry;
    for (const char* path : {"bin/hello", "/bin/hello", "./bin/hello", "//bin/hello"}) {
        ASSERT_EQ(tar::find(archive.data(), archive.size(), path, entry), TarStatus::Entry) << path;
        EXPECT_STREQ(entry.path, "bin/hello");
    }
    EXPECT_EQ(tar::find(archive.data(), archive.size(), "/bin", entry), TarStatus::Entry);
    EXPECT_EQ(entry.type, tar::EntryType::Directory);
    EXPECT_EQ(tar::find(archive.data(), archive.size(), "bin/hell", entry), TarStatus::End);
    EXPECT_EQ(tar::find(archive.data(), archive.size(), "bin/hello2", entry), TarStatus::End);
    EXPECT_EQ(tar::find(archive.data(), archive.size(), "", entry), TarStatus::End);
}

TEST(Tar, SamePathRules) {
    EXPECT_TRUE(tar::same_path("bin/", "bin"));
    EXPECT_TRUE(tar::same_path("bin", "/bin/"));
    EXPECT_FALSE(tar::same_path("bin/x", "bin"));
    EXPECT_FALSE(tar::same_path("bin", "bin/x"));
    EXPECT_FALSE(tar::same_path("bin//", "bin"));
}

TEST(Tar, CountsAValidArchive) {
    std::vector<uint8_t> archive = sample_archive();
    size_t count = 0;
    EXPECT_EQ(tar::validate(archive.data(), archive.size(), count), TarStatus::End);
    EXPECT_EQ(count, 4u);
}

TEST(Tar, AnEmptyArchiveHasNoEntries) {
    ArchiveBuilder builder;
    builder.finish();
    size_t count = 99;
    EXPECT_EQ(tar::validate(builder.bytes().data(), builder.bytes().size(), count), TarStatus::End);
    EXPECT_EQ(count, 0u);
}

TEST(Tar, NoticesTruncationAnywhere) {
    std::vector<uint8_t> archive = sample_archive();
    size_t count = 0;
    // Nothing at all, half a header, the end of a header, inside data, before the end marker.
    EXPECT_EQ(tar::validate(archive.data(), 0, count), TarStatus::Truncated);
    EXPECT_EQ(tar::validate(archive.data(), 300, count), TarStatus::Truncated);
    EXPECT_EQ(tar::validate(archive.data(), 1024 + 512 + 5, count), TarStatus::Truncated);
    size_t notes_data = 4 * 512; // header of notes.txt is the fourth block
    EXPECT_EQ(tar::validate(archive.data(), notes_data + 512 + 599, count), TarStatus::Truncated);
    EXPECT_EQ(count, 3u);
    size_t end_marker = notes_data + 3 * 512;
    EXPECT_EQ(tar::validate(archive.data(), end_marker, count), TarStatus::Truncated);
    EXPECT_EQ(tar::validate(archive.data(), end_marker + 512, count), TarStatus::End);
}

TEST(Tar, NoticesAMissingPaddingBlock) {
    // The data fits exactly, but the padding up to the next header is gone.
    std::vector<uint8_t> archive = sample_archive();
    size_t count = 0;
    size_t notes_data = 4 * 512 + 512;
    EXPECT_EQ(tar::validate(archive.data(), notes_data + 600, count), TarStatus::Truncated);
}

TEST(Tar, RefusesABadChecksum) {
    std::vector<uint8_t> archive = sample_archive();
    archive[512 + 5] ^= 1; // a letter of "bin/hello" changes, the checksum does not
    size_t count = 0;
    EXPECT_EQ(tar::validate(archive.data(), archive.size(), count), TarStatus::BadChecksum);
    EXPECT_EQ(count, 1u);
}

TEST(Tar, ATrustingReaderSkipsOnlyTheChecksum) {
    // For an archive verified whole before (the initrd at boot): the sum is not taken again,
    // every other check still is.
    std::vector<uint8_t> archive = sample_archive();
    archive[512 + 5] ^= 1; // "bin/hello" becomes "bin/hdllo"; its checksum no longer matches
    tar::Entry entry;
    EXPECT_EQ(tar::find(archive.data(), archive.size(), "bin/hdllo", entry),
              TarStatus::BadChecksum);
    ASSERT_EQ(tar::find(archive.data(), archive.size(), "bin/hdllo", entry, tar::Checksums::Trust),
              TarStatus::Entry);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(entry.data), entry.size), "hello program");
    archive[512 + 257] = 'x'; // its ustar magic damaged: refused even by a trusting reader
    EXPECT_EQ(tar::find(archive.data(), archive.size(), "bin/hdllo", entry, tar::Checksums::Trust),
              TarStatus::NotUstar);
}

TEST(Tar, AcceptsTheSignedChecksumOfOldArchivers) {
    ArchiveBuilder builder;
    std::string name = "caf\xc3\xa9"; // bytes above 127 make the two sums differ
    builder.add(name, "x");
    builder.finish();
    uint8_t* header = builder.bytes().data();
    std::memset(header + 148, ' ', 8);
    int sum = 0;
    for (size_t i = 0; i < tar::BLOCK_SIZE; ++i)
        sum += static_cast<int8_t>(header[i]);
    std::snprintf(reinterpret_cast<char*>(header + 148), 8, "%06o", sum);
    tar::Entry entry;
    EXPECT_EQ(tar::find(builder.bytes().data(), builder.bytes().size(), name.c_str(), entry),
              TarStatus::Entry);
}

TEST(Tar, RefusesOtherFormats) {
    ArchiveBuilder builder;
    size_t header = builder.add("old", "x");
    builder.finish();
    std::memcpy(&builder.bytes()[header + 257], "ustar  ", 8); // GNU's magic and version
    builder.seal(header);
    size_t count = 0;
    EXPECT_EQ(tar::validate(builder.bytes().data(), builder.bytes().size(), count),
              TarStatus::NotUstar);
}

TEST(Tar, RefusesMalformedNumbers) {
    // A stray letter, no digits, GNU's base-256 encoding (high bit set), a sign.
    const std::string sizes[] = {"0000000001x", "           ", std::string("\x80\0\0\0\0\0\0\1", 8),
                                 "-0000000001"};
    for (const std::string& size : sizes) {
        ArchiveBuilder builder;
        size_t header = builder.add("file", "x");
        builder.finish();
        std::memset(&builder.bytes()[header + 124], 0, 12);
        std::memcpy(&builder.bytes()[header + 124], size.data(), size.size());
        builder.seal(header);
        size_t count = 0;
        EXPECT_EQ(tar::validate(builder.bytes().data(), builder.bytes().size(), count),
                  TarStatus::BadNumber)
            << size;
    }
}

TEST(Tar, AcceptsSpacePaddedNumbers) {
    ArchiveBuilder builder;
    size_t header = builder.add("file", "xyz");
    builder.finish();
    std::memcpy(&builder.bytes()[header + 124], "         3 ", 12);
    builder.seal(header);
    tar::Entry entry;
    ASSERT_EQ(tar::find(builder.bytes().data(), builder.bytes().size(), "file", entry),
              TarStatus::Entry);
    EXPECT_EQ(entry.size, 3u);
}

TEST(Tar, RefusesASizeBeyondTheArchive) {
    ArchiveBuilder builder;
    size_t header = builder.add("file", "x");
    builder.finish();
    std::memcpy(&builder.bytes()[header + 124], "77777777777", 11); // 8 GiB
    builder.seal(header);
    size_t count = 0;
    TarStatus status = tar::validate(builder.bytes().data(), builder.bytes().size(), count);
    // Truncated where size_t holds 8 GiB (the host), BadNumber where it does not (i386).
    EXPECT_TRUE(status == TarStatus::Truncated || status == TarStatus::BadNumber);
    EXPECT_EQ(count, 0u);
}

TEST(Tar, RefusesAnEmptyPath) {
    ArchiveBuilder builder;
    builder.add("", "x");
    builder.finish();
    size_t count = 0;
    EXPECT_EQ(tar::validate(builder.bytes().data(), builder.bytes().size(), count),
              TarStatus::BadPath);
}

TEST(Tar, ErrorsAreSticky) {
    std::vector<uint8_t> archive = sample_archive();
    archive[512 + 148] = 'x';
    tar::Reader reader(archive.data(), archive.size());
    tar::Entry entry;
    EXPECT_EQ(reader.next(entry), TarStatus::Entry);
    EXPECT_EQ(reader.next(entry), TarStatus::BadChecksum);
    EXPECT_EQ(reader.offset(), 512u);
    EXPECT_EQ(reader.next(entry), TarStatus::BadChecksum);
}

// survey: a damaged archive is used up to the damage, and says what it lost there.
TEST(TarSurvey, AWholeArchiveIsUsedWhole) {
    std::vector<uint8_t> archive = sample_archive();
    tar::Survey survey = tar::survey(archive.data(), archive.size());
    EXPECT_EQ(survey.status, TarStatus::End);
    EXPECT_EQ(survey.entry_count, 4u);
    EXPECT_EQ(survey.usable_size, archive.size());
    EXPECT_EQ(survey.dropped_bytes, 0u);
    EXPECT_STREQ(survey.damaged_path, "");
}

TEST(TarSurvey, KeepsEveryEntryWhenOnlyTheEndMarkerIsMissing) {
    std::vector<uint8_t> archive = sample_archive();
    size_t end_marker = archive.size() - 2 * tar::BLOCK_SIZE;
    tar::Survey survey = tar::survey(archive.data(), end_marker);
    EXPECT_EQ(survey.status, TarStatus::Truncated);
    EXPECT_EQ(survey.entry_count, 4u);
    EXPECT_EQ(survey.usable_size, end_marker);
    EXPECT_EQ(survey.dropped_bytes, 0u);
    EXPECT_STREQ(survey.damaged_path, "");
    // What is kept reads back: the last entry is still found.
    tar::Entry entry;
    EXPECT_EQ(tar::find(archive.data(), survey.usable_size, "notes.txt", entry), TarStatus::Entry);
    EXPECT_EQ(entry.size, 600u);
}

TEST(TarSurvey, DropsAnEntryCutShortAndNamesIt) {
    std::vector<uint8_t> archive = sample_archive();
    size_t notes_header = 4 * tar::BLOCK_SIZE;
    size_t cut = notes_header + tar::BLOCK_SIZE + 100; // inside notes.txt's data
    tar::Survey survey = tar::survey(archive.data(), cut);
    EXPECT_EQ(survey.status, TarStatus::Truncated);
    EXPECT_EQ(survey.entry_count, 3u);
    EXPECT_EQ(survey.usable_size, notes_header);
    EXPECT_EQ(survey.dropped_bytes, cut - notes_header);
    EXPECT_STREQ(survey.damaged_path, "notes.txt");
    tar::Entry entry;
    EXPECT_EQ(tar::find(archive.data(), survey.usable_size, "bin/hello", entry), TarStatus::Entry);
    EXPECT_NE(tar::find(archive.data(), survey.usable_size, "notes.txt", entry), TarStatus::Entry);
}

TEST(TarSurvey, DropsEverythingFromADamagedHeaderOn) {
    std::vector<uint8_t> archive = sample_archive();
    size_t empty_header = 3 * tar::BLOCK_SIZE;
    archive[empty_header + 4] = '\x01'; // "bin/\x01mpty": checksum wrong, a byte unprintable
    tar::Survey survey = tar::survey(archive.data(), archive.size());
    EXPECT_EQ(survey.status, TarStatus::BadChecksum);
    EXPECT_EQ(survey.entry_count, 2u);
    EXPECT_EQ(survey.usable_size, empty_header);
    tar::Entry entry;
    EXPECT_EQ(tar::find(archive.data(), survey.usable_size, "bin/hello", entry), TarStatus::Entry);
    EXPECT_EQ(survey.dropped_bytes, archive.size() - empty_header);
    EXPECT_STREQ(survey.damaged_path, "bin/?mpty");
}

TEST(TarSurvey, DropsTrailingBytesTooShortForAHeader) {
    std::vector<uint8_t> archive = sample_archive();
    size_t end_marker = archive.size() - 2 * tar::BLOCK_SIZE;
    archive[end_marker] = 'x';
    tar::Survey survey = tar::survey(archive.data(), end_marker + 100);
    EXPECT_EQ(survey.status, TarStatus::Truncated);
    EXPECT_EQ(survey.entry_count, 4u);
    EXPECT_EQ(survey.usable_size, end_marker);
    EXPECT_EQ(survey.dropped_bytes, 100u);
    EXPECT_STREQ(survey.damaged_path, "");
}

TEST(TarSurvey, NothingIsUsableWhenTheFirstHeaderIsDamaged) {
    ArchiveBuilder builder;
    builder.add("bin/hello", "hello program");
    builder.finish();
    builder.bytes()[257] = 'X'; // not ustar
    builder.seal(0);
    tar::Survey survey = tar::survey(builder.bytes().data(), builder.bytes().size());
    EXPECT_EQ(survey.status, TarStatus::NotUstar);
    EXPECT_EQ(survey.entry_count, 0u);
    EXPECT_EQ(survey.usable_size, 0u);
    EXPECT_EQ(survey.dropped_bytes, builder.bytes().size());
    EXPECT_STREQ(survey.damaged_path, "bin/hello");
}

// The initrd that `make` builds with the host's tar: every entry must read back and every
// program in it (all but the data files under data/) must pass the loader's checks. make test
// builds it before the host tests run.
TEST(Initrd, EveryProgramIsAValidExecutable) {
    const char* path = std::getenv("INITRD");
    std::ifstream file(path ? path : "build/initrd.tar", std::ios::binary);
    if (!file)
        GTEST_SKIP() << "build/initrd.tar not built yet (run make first)";
    std::vector<uint8_t> archive((std::istreambuf_iterator<char>(file)),
                                 std::istreambuf_iterator<char>());
    tar::Reader reader(archive.data(), archive.size());
    tar::Entry entry;
    size_t programs = 0;
    TarStatus status;
    while ((status = reader.next(entry)) == TarStatus::Entry) {
        if (entry.type != tar::EntryType::File || std::strncmp(entry.path, "data/", 5) == 0)
            continue;
        elf::Executable executable;
        elf::ElfDiagnosis diagnosis = elf::validate_executable(entry.data, entry.size, executable);
        EXPECT_TRUE(diagnosis.valid()) << entry.path << ": " << elf::describe(diagnosis.error);
        ++programs;
    }
    EXPECT_EQ(status, TarStatus::End) << tar::describe(status);
    EXPECT_GT(programs, 0u);
}

} // namespace

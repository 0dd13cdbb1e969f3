// Reads the initrd: a POSIX ustar archive (tar --format=ustar) that GRUB loaded into memory.
// Nothing is trusted: every header's checksum, magic, numbers and name are checked, and no entry
// may reach past the end of the archive, so a damaged initrd is reported instead of followed.
// Pure logic, tested on the host.
#pragma once

#include "libk/types.h"

namespace tar {

constexpr size_t BLOCK_SIZE = 512;
// A ustar path is prefix (155 bytes) + '/' + name (100 bytes); one more for the NUL.
constexpr size_t PATH_SIZE = 155 + 1 + 100 + 1;

enum class EntryType {
    File,
    Directory,
    Other, // links, devices, extended headers: listed, never opened
};

struct Entry {
    char path[PATH_SIZE]; // as stored: "bin/hello", "bin/" for a directory
    EntryType type;
    uint32_t mode;       // permission bits, e.g. 0755
    const uint8_t* data; // the entry's bytes inside the archive
    size_t size;
};

enum class TarStatus {
    Entry,       // the next entry was read
    End,         // the end-of-archive marker (a block of zeros) was reached
    Truncated,   // the archive stops inside a header or an entry, or has no end marker
    BadChecksum, // a header's checksum does not match its bytes
    NotUstar,    // not a POSIX ustar header (old or GNU format: use tar --format=ustar)
    BadNumber,   // a numeric field is not an octal number that fits
    BadPath,     // an empty path
};

// A sentence for the kernel log ("archive ends inside an entry").
const char* describe(TarStatus status);

// Walks the entries in archive order:
//     tar::Reader reader(start, size);
//     tar::Entry entry;
//     while (reader.next(entry) == tar::TarStatus::Entry) ...
// After End or an error, next() keeps returning the same status.
// Whether a reader sums every header to check it against its stored checksum. Trust is for an
// archive already read whole with Verify (the initrd, surveyed once at boot), whose bytes do not
// change: its lookups then skip the 512-byte sum per header, which was most of a spawn's
// instructions (docs/performance.md). Everything else (magic, numbers, sizes) is still checked.
enum class Checksums { Verify, Trust };

class Reader {
public:
    Reader(const void* archive, size_t size, Checksums checksums = Checksums::Verify);

    [[nodiscard]] TarStatus next(Entry& entry);

    // Offset of the header next() reads, or of the one it failed on: for error messages.
    size_t offset() const { return m_offset; }

private:
    TarStatus read_header(const uint8_t* header, Entry& entry);

    const uint8_t* m_archive;
    size_t m_size;
    Checksums m_checksums;
    size_t m_offset = 0;
    TarStatus m_stopped = TarStatus::Entry; // End or an error once the walk is over
};

// True when the stored path names `path`: leading "/" and "./" are ignored on both sides and a
// directory's trailing "/" is optional, so "/bin/hello" finds "bin/hello" and "./bin" finds "bin/".
bool same_path(const char* stored, const char* path);

// Finds `path` in the archive. Returns Entry (and fills `entry`) when found, End when the whole
// archive was read without finding it, or the error that stopped the search.
[[nodiscard]] TarStatus find(const void* archive, size_t size, const char* path, Entry& entry,
                             Checksums checksums = Checksums::Verify);

// Reads the whole archive; returns End when every header is valid, otherwise the first error.
[[nodiscard]] TarStatus validate(const void* archive, size_t size, size_t& entry_count);

// What a walk of the whole archive found: the entries that can be used and, when the walk
// stopped at damage instead of the end marker, what was lost there. A damaged archive is still
// usable up to the damage: the entries before it are whole and checked.
struct Survey {
    TarStatus status;             // End, or the damage that stopped the walk
    size_t entry_count;           // entries read before the end marker or the damage
    size_t usable_size;           // the first bytes of the archive, holding exactly those entries
    size_t dropped_bytes;         // size - usable_size: what is not used (damage and all after it)
    char damaged_path[PATH_SIZE]; // the name in the header at the damage, printable, if the
                                  // damage is a header or an entry with a name; "" otherwise
};
[[nodiscard]] Survey survey(const void* archive, size_t size);

} // namespace tar

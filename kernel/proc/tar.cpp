// The ustar header is 512 bytes of fixed-width text fields (numbers are octal ASCII); the
// entry's data follows, padded to a whole block. Reading it safely means checking every field
// before using it and bounding every offset by the archive's size.
#include "kernel/proc/tar.h"

namespace tar {
namespace {

// Field positions in a ustar header (POSIX, "pax - ustar Interchange Format").
struct Field {
    size_t offset;
    size_t length;
};
constexpr Field NAME = {0, 100};
constexpr Field MODE = {100, 8};
constexpr Field SIZE = {124, 12};
constexpr Field CHECKSUM = {148, 8};
constexpr Field TYPE = {156, 1};
constexpr Field MAGIC = {257, 6};
constexpr Field VERSION = {263, 2};
constexpr Field PREFIX = {345, 155};

bool is_zero_block(const uint8_t* block) {
    for (size_t i = 0; i < BLOCK_SIZE; ++i) {
        if (block[i] != 0)
            return false;
    }
    return true;
}

// Octal digits, optionally preceded by spaces and ended by a space or NUL (or by the end of the
// field). Returns false for anything else, including a value that does not fit in `limit`.
// The longest field has 12 digits (36 bits), so `value` itself cannot overflow.
bool parse_octal(const uint8_t* header, Field field, uint64_t limit, uint64_t& value) {
    const uint8_t* text = header + field.offset;
    size_t i = 0;
    while (i < field.length && text[i] == ' ')
        ++i;
    size_t first_digit = i;
    value = 0;
    for (; i < field.length && text[i] >= '0' && text[i] <= '7'; ++i) {
        value = value * 8 + (text[i] - '0');
        if (value > limit)
            return false;
    }
    if (i == first_digit)
        return false;
    return i == field.length || text[i] == ' ' || text[i] == '\0';
}

// The checksum is the sum of the header's bytes with the checksum field counted as spaces.
// Some old archivers summed signed chars, so either sum is accepted.
bool checksum_matches(const uint8_t* header) {
    uint64_t stored = 0;
    if (!parse_octal(header, CHECKSUM, 0xFFFFFF, stored))
        return false;
    uint32_t unsigned_sum = 0;
    int32_t signed_sum = 0;
    for (size_t i = 0; i < BLOCK_SIZE; ++i) {
        bool in_field = i >= CHECKSUM.offset && i < CHECKSUM.offset + CHECKSUM.length;
        uint8_t byte = in_field ? ' ' : header[i];
        unsigned_sum += byte;
        signed_sum += static_cast<int8_t>(byte);
    }
    return stored == unsigned_sum || static_cast<int64_t>(stored) == signed_sum;
}

bool has_ustar_magic(const uint8_t* header) {
    const char magic[] = "ustar"; // with its NUL: 6 bytes
    for (size_t i = 0; i < MAGIC.length; ++i) {
        if (header[MAGIC.offset + i] != static_cast<uint8_t>(magic[i]))
            return false;
    }
    return header[VERSION.offset] == '0' && header[VERSION.offset + 1] == '0';
}

// Copies a text field that is NUL-terminated unless it fills the whole field.
size_t append_field(const uint8_t* header, Field field, char* out, size_t used) {
    for (size_t i = 0; i < field.length && header[field.offset + i] != 0; ++i)
        out[used++] = static_cast<char>(header[field.offset + i]);
    return used;
}

void assemble_path(const uint8_t* header, char (&path)[PATH_SIZE]) {
    size_t used = append_field(header, PREFIX, path, 0);
    if (used > 0)
        path[used++] = '/';
    used = append_field(header, NAME, path, used);
    path[used] = '\0';
}

EntryType type_of(uint8_t flag) {
    if (flag == '0' || flag == '\0')
        return EntryType::File;
    if (flag == '5')
        return EntryType::Directory;
    return EntryType::Other;
}

// Skips leading "/" and "./" components.
const char* skip_leading_root(const char* path) {
    for (;;) {
        if (path[0] == '/')
            ++path;
        else if (path[0] == '.' && path[1] == '/')
            path += 2;
        else
            return path;
    }
}

size_t round_up_to_block(size_t size) {
    return size + (BLOCK_SIZE - size % BLOCK_SIZE) % BLOCK_SIZE;
}

} // namespace

Reader::Reader(const void* archive, size_t size, Checksums checksums)
    : m_archive(static_cast<const uint8_t*>(archive)), m_size(size), m_checksums(checksums) {}

TarStatus Reader::read_header(const uint8_t* header, Entry& entry) {
    if (m_checksums == Checksums::Verify && !checksum_matches(header))
        return TarStatus::BadChecksum;
    if (!has_ustar_magic(header))
        return TarStatus::NotUstar;
    uint64_t mode = 0;
    uint64_t size = 0;
    if (!parse_octal(header, MODE, 07777777, mode) || !parse_octal(header, SIZE, SIZE_MAX, size))
        return TarStatus::BadNumber;
    assemble_path(header, entry.path);
    if (entry.path[0] == '\0')
        return TarStatus::BadPath;
    size_t data_offset = m_offset + BLOCK_SIZE;
    if (size > m_size - data_offset)
        return TarStatus::Truncated;
    entry.type = type_of(header[TYPE.offset]);
    entry.mode = static_cast<uint32_t>(mode & 07777);
    entry.data = m_archive + data_offset;
    entry.size = static_cast<size_t>(size);
    return TarStatus::Entry;
}

TarStatus Reader::next(Entry& entry) {
    if (m_stopped != TarStatus::Entry)
        return m_stopped;
    if (m_offset > m_size || m_size - m_offset < BLOCK_SIZE) {
        m_stopped = TarStatus::Truncated;
        return m_stopped;
    }
    const uint8_t* header = m_archive + m_offset;
    if (is_zero_block(header)) {
        m_stopped = TarStatus::End;
        return m_stopped;
    }
    TarStatus status = read_header(header, entry);
    if (status != TarStatus::Entry) {
        m_stopped = status;
        return status;
    }
    // The data fits (read_header checked), so this cannot overflow; a missing padding block is
    // caught as Truncated by the next call.
    m_offset += BLOCK_SIZE + round_up_to_block(entry.size);
    return TarStatus::Entry;
}

bool same_path(const char* stored, const char* path) {
    stored = skip_leading_root(stored);
    path = skip_leading_root(path);
    while (*stored && *stored == *path) {
        ++stored;
        ++path;
    }
    // Equal, or equal up to the trailing slash of a directory on either side.
    bool stored_done = *stored == '\0' || (stored[0] == '/' && stored[1] == '\0');
    bool path_done = *path == '\0' || (path[0] == '/' && path[1] == '\0');
    return stored_done && path_done;
}

TarStatus find(const void* archive, size_t size, const char* path, Entry& entry,
               Checksums checksums) {
    Reader reader(archive, size, checksums);
    TarStatus status;
    while ((status = reader.next(entry)) == TarStatus::Entry) {
        if (same_path(entry.path, path))
            return TarStatus::Entry;
    }
    return status;
}

TarStatus validate(const void* archive, size_t size, size_t& entry_count) {
    Reader reader(archive, size);
    Entry entry;
    entry_count = 0;
    TarStatus status;
    while ((status = reader.next(entry)) == TarStatus::Entry)
        ++entry_count;
    return status;
}

namespace {

// The name a damaged header claims, for the log: unprintable bytes become '?', since nothing in
// such a header can be trusted.
void name_in_damaged_header(const uint8_t* header, char (&path)[PATH_SIZE]) {
    assemble_path(header, path);
    for (char* character = path; *character; ++character) {
        if (*character < ' ' || *character > '~')
            *character = '?';
    }
}

} // namespace

Survey survey(const void* archive, size_t size) {
    Survey result{};
    Reader reader(archive, size);
    Entry entry;
    while ((result.status = reader.next(entry)) == TarStatus::Entry)
        ++result.entry_count;
    // After End the marker itself counts as used; after damage, the reader stopped at the
    // header it could not use, and everything from there on is dropped.
    size_t stop = reader.offset();
    result.usable_size = result.status == TarStatus::End ? size : (stop < size ? stop : size);
    result.dropped_bytes = size - result.usable_size;
    if (result.status != TarStatus::End && stop < size && size - stop >= BLOCK_SIZE)
        name_in_damaged_header(static_cast<const uint8_t*>(archive) + stop, result.damaged_path);
    return result;
}

const char* describe(TarStatus status) {
    switch (status) {
    case TarStatus::Entry:
        return "entry read";
    case TarStatus::End:
        return "end of archive";
    case TarStatus::Truncated:
        return "archive ends inside a header or an entry, or has no end marker";
    case TarStatus::BadChecksum:
        return "header checksum does not match";
    case TarStatus::NotUstar:
        return "not a POSIX ustar header (build it with tar --format=ustar)";
    case TarStatus::BadNumber:
        return "header holds a malformed number";
    case TarStatus::BadPath:
        return "header has an empty path";
    }
    return "unknown archive error";
}

} // namespace tar

// See arch/firmware_config.h. The protocol (QEMU's docs/specs/fw_cfg.txt): write a 16-bit key to
// the selector port, then read the item's bytes one at a time from the data port. Key 0 holds the
// signature "QEMU"; key 0x19 the file directory: a big-endian count, then one 64-byte entry per
// file (big-endian size and key, and a NUL-terminated name).
#include "arch/firmware_config.h"
#include "arch/port_io.h"
#include "libk/string.h"

namespace arch::firmware_config {
namespace {

constexpr uint16_t SELECTOR_PORT = 0x510;
constexpr uint16_t DATA_PORT = 0x511;
constexpr uint16_t SIGNATURE_KEY = 0x0000;
constexpr uint16_t DIRECTORY_KEY = 0x0019;
constexpr size_t NAME_SIZE = 56;

void select(uint16_t key) {
    write_port_word(SELECTOR_PORT, key);
}

void read_bytes(void* destination, size_t count) {
    auto* bytes = static_cast<uint8_t*>(destination);
    for (size_t index = 0; index < count; ++index)
        bytes[index] = read_port_byte(DATA_PORT);
}

uint32_t read_big_endian_32() {
    uint8_t bytes[4];
    read_bytes(bytes, sizeof bytes);
    return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
           bytes[3];
}

uint16_t read_big_endian_16() {
    uint8_t bytes[2];
    read_bytes(bytes, sizeof bytes);
    return static_cast<uint16_t>((bytes[0] << 8) | bytes[1]);
}

bool device_present() {
    char signature[4];
    select(SIGNATURE_KEY);
    read_bytes(signature, sizeof signature); // without the device the ports read as 0xFF
    return memcmp(signature, "QEMU", sizeof signature) == 0;
}

} // namespace

int read_file(const char* name, char* buffer, size_t capacity) {
    if (capacity == 0 || !device_present())
        return -1;
    select(DIRECTORY_KEY);
    uint32_t count = read_big_endian_32();
    for (uint32_t entry = 0; entry < count; ++entry) {
        uint32_t size = read_big_endian_32();
        uint16_t key = read_big_endian_16();
        (void)read_big_endian_16(); // reserved
        char entry_name[NAME_SIZE];
        read_bytes(entry_name, sizeof entry_name);
        entry_name[NAME_SIZE - 1] = '\0';
        if (strcmp(entry_name, name) != 0)
            continue;
        if (size > capacity - 1)
            return FILE_TOO_LARGE;
        select(key);
        read_bytes(buffer, size);
        buffer[size] = '\0';
        return static_cast<int>(size);
    }
    return -1;
}

} // namespace arch::firmware_config

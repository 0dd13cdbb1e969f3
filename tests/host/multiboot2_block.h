// A small builder for the Multiboot2 parser's host tests: it lays out a boot information block
// tag by tag, the way GRUB does, and can also write tags that are wrong on purpose.
// The finished block lives in an allocation of exactly its size, so AddressSanitizer reports any
// read the parser makes past its end.
#pragma once

#include "kernel/boot_info/multiboot2.h"
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace multiboot2_test {

constexpr uint32_t TAG_END = 0;
constexpr uint32_t TAG_COMMAND_LINE = 1;
constexpr uint32_t TAG_BOOT_LOADER_NAME = 2;
constexpr uint32_t TAG_MODULE = 3;
constexpr uint32_t TAG_BASIC_MEMORY = 4;
constexpr uint32_t TAG_MEMORY_MAP = 6;
constexpr uint32_t TAG_FRAMEBUFFER = 8;

struct MapEntry {
    uint64_t base;
    uint64_t length;
    uint32_t type;
};

// A finished block: 8-byte aligned, `size` bytes long, nothing readable after it.
struct Block {
    std::unique_ptr<uint64_t[]> storage;
    size_t size = 0;
    const uint8_t* bytes() const { return reinterpret_cast<const uint8_t*>(storage.get()); }
};

class BlockBuilder {
public:
    BlockBuilder() { m_bytes.resize(8); } // total_size (written by build), reserved

    // A tag with any payload; `declared_size` replaces the true size in the size field.
    BlockBuilder& tag(uint32_t type, const std::vector<uint8_t>& payload,
                      std::optional<uint32_t> declared_size = std::nullopt) {
        append_u32(type);
        append_u32(declared_size.value_or(8 + static_cast<uint32_t>(payload.size())));
        m_bytes.insert(m_bytes.end(), payload.begin(), payload.end());
        pad();
        return *this;
    }

    // A string tag: the text and its terminating NUL.
    BlockBuilder& string_tag(uint32_t type, const std::string& text) {
        std::vector<uint8_t> payload(text.begin(), text.end());
        payload.push_back(0);
        return tag(type, payload);
    }

    BlockBuilder& module(uint32_t start, uint32_t end, const std::string& name) {
        std::vector<uint8_t> payload;
        put_u32(payload, start);
        put_u32(payload, end);
        payload.insert(payload.end(), name.begin(), name.end());
        payload.push_back(0);
        return tag(TAG_MODULE, payload);
    }

    BlockBuilder& basic_memory(uint32_t lower_kib, uint32_t upper_kib) {
        std::vector<uint8_t> payload;
        put_u32(payload, lower_kib);
        put_u32(payload, upper_kib);
        return tag(TAG_BASIC_MEMORY, payload);
    }

    // A memory map; entries larger than 24 bytes get zero filler, as a newer spec version might.
    BlockBuilder& memory_map(const std::vector<MapEntry>& entries, uint32_t entry_size = 24) {
        std::vector<uint8_t> payload;
        put_u32(payload, entry_size);
        put_u32(payload, 0); // entry_version
        for (const MapEntry& entry : entries) {
            size_t entry_start = payload.size();
            put_u64(payload, entry.base);
            put_u64(payload, entry.length);
            put_u32(payload, entry.type);
            put_u32(payload, 0);
            payload.resize(entry_start + entry_size);
        }
        return tag(TAG_MEMORY_MAP, payload);
    }

    BlockBuilder& end_tag(uint32_t declared_size = 8) { return tag(TAG_END, {}, declared_size); }

    // The bytes laid out so far; total_size says their count unless `total_size` is given.
    Block build(uint32_t total_size = 0) const {
        Block block;
        block.size = m_bytes.size();
        block.storage = std::make_unique<uint64_t[]>((block.size + 7) / 8);
        std::memcpy(block.storage.get(), m_bytes.data(), block.size);
        uint32_t size_field = total_size != 0 ? total_size : static_cast<uint32_t>(block.size);
        std::memcpy(block.storage.get(), &size_field, sizeof size_field);
        return block;
    }

    // The offset the next tag will have.
    uint32_t offset() const { return static_cast<uint32_t>(m_bytes.size()); }

private:
    static void put_u32(std::vector<uint8_t>& bytes, uint32_t value) {
        for (int shift = 0; shift < 32; shift += 8)
            bytes.push_back(static_cast<uint8_t>(value >> shift));
    }
    static void put_u64(std::vector<uint8_t>& bytes, uint64_t value) {
        put_u32(bytes, static_cast<uint32_t>(value));
        put_u32(bytes, static_cast<uint32_t>(value >> 32));
    }
    void append_u32(uint32_t value) { put_u32(m_bytes, value); }
    void pad() {
        while (m_bytes.size() % 8 != 0)
            m_bytes.push_back(0);
    }

    std::vector<uint8_t> m_bytes;
};

inline multiboot2::BootInformation parse(const Block& block) {
    return multiboot2::parse(block.bytes(), block.size);
}
// The parsed strings point into the block, so it must outlive them: no temporaries.
multiboot2::BootInformation parse(Block&& block) = delete;

// True when some problem message contains `text`.
inline bool has_problem(const multiboot2::BootInformation& information, const std::string& text) {
    for (size_t index = 0; index < information.problem_count; ++index) {
        if (std::string(information.problems[index]).find(text) != std::string::npos)
            return true;
    }
    return false;
}

// Every problem message, one a line, for the failure output of a test.
inline std::string all_problems(const multiboot2::BootInformation& information) {
    std::string text;
    for (size_t index = 0; index < information.problem_count; ++index)
        text += std::string(information.problems[index]) + "\n";
    return text;
}

} // namespace multiboot2_test

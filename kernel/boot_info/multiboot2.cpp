// See multiboot2.h.
#include "kernel/boot_info/multiboot2.h"

namespace multiboot2 {
namespace {
struct TagHeader {
    uint32_t type;
    uint32_t size;
};
constexpr uint32_t TAG_END = 0;
constexpr uint32_t TAG_COMMAND_LINE = 1;
} // namespace

const char* find_command_line(const void* information) {
    auto* bytes = static_cast<const uint8_t*>(information);
    uint32_t total_size = *reinterpret_cast<const uint32_t*>(bytes);
    uint32_t offset = 8;
    while (offset + sizeof(TagHeader) <= total_size) {
        auto* tag = reinterpret_cast<const TagHeader*>(bytes + offset);
        if (tag->type == TAG_END || tag->size < sizeof(TagHeader))
            break;
        if (tag->type == TAG_COMMAND_LINE)
            return reinterpret_cast<const char*>(tag + 1);
        offset += (tag->size + 7) & ~7u;
    }
    return nullptr;
}

} // namespace multiboot2

// See symbol_module.h. The boot information (Multiboot2 spec, section 3.6) is a u32 total size,
// a reserved u32, then tags aligned to 8 bytes, each starting with u32 type and u32 size. A
// module tag (type 3) continues with u32 mod_start, u32 mod_end (one past the last byte, both
// physical) and the module's NUL-terminated command line. Nothing here is trusted: every size
// and address is checked before it is used.
#include "kernel/debug/symbol_module.h"
#include "kernel/debug/log.h"
#include "kernel/debug/symbols.h"
#include "kernel/memory/layout.h"
#include "libk/string.h"

namespace debug {
namespace {

constexpr uint32_t TAG_END = 0;
constexpr uint32_t TAG_MODULE = 3;
constexpr uint32_t MODULE_TAG_FIXED_BYTES = 16; // type, size, mod_start, mod_end
constexpr char SYMBOL_MODULE_NAME[] = "symbols";

struct ModuleTag {
    uint32_t type;
    uint32_t size;
    uint32_t start;
    uint32_t end;
    // followed by the command line, NUL-terminated within `size`
};

bool fits_in_boot_mapping(uintptr_t physical, size_t length) {
    return physical < memory::BOOT_MAPPED_BYTES && length <= memory::BOOT_MAPPED_BYTES - physical;
}

// True when the module tag is well-formed and its command line is exactly "symbols".
bool is_symbol_module(const ModuleTag& tag) {
    if (tag.size <= MODULE_TAG_FIXED_BYTES)
        return false;
    const char* command_line = reinterpret_cast<const char*>(&tag) + MODULE_TAG_FIXED_BYTES;
    size_t room = tag.size - MODULE_TAG_FIXED_BYTES;
    return strnlen(command_line, room) < room && strcmp(command_line, SYMBOL_MODULE_NAME) == 0;
}

// The "symbols" module tag, or nullptr.
const ModuleTag* find_module_tag(uintptr_t information_physical) {
    if (!fits_in_boot_mapping(information_physical, 8))
        return nullptr;
    auto* bytes = static_cast<const uint8_t*>(memory::physical_to_virtual(information_physical));
    uint32_t total_size = *reinterpret_cast<const uint32_t*>(bytes);
    if (total_size < 8 || !fits_in_boot_mapping(information_physical, total_size))
        return nullptr;
    uint32_t offset = 8; // the first tag follows total_size and the reserved word
    while (offset <= total_size - 8) {
        auto* tag = reinterpret_cast<const ModuleTag*>(bytes + offset);
        if (tag->type == TAG_END || tag->size < 8 || tag->size > total_size - offset)
            return nullptr;
        if (tag->type == TAG_MODULE && is_symbol_module(*tag))
            return tag;
        offset += (tag->size + 7) & ~7u;
    }
    return nullptr;
}

} // namespace

void load_symbol_module(uintptr_t boot_information_physical) {
    const ModuleTag* tag = find_module_tag(boot_information_physical);
    if (tag == nullptr) {
        log::warning("symbols", "no \"%s\" boot module: backtraces show addresses only",
                     SYMBOL_MODULE_NAME);
        return;
    }
    if (tag->end < tag->start || !fits_in_boot_mapping(tag->start, tag->end - tag->start)) {
        log::warning("symbols", "module at %#x-%#x is not in the first %u MiB: not loaded",
                     tag->start, tag->end, static_cast<unsigned>(memory::BOOT_MAPPED_BYTES >> 20));
        return;
    }
    load_symbols(static_cast<const char*>(memory::physical_to_virtual(tag->start)),
                 tag->end - tag->start);
}

} // namespace debug

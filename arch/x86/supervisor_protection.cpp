// See arch/supervisor_protection.h. CPUID and CR4 bits: Intel SDM vol. 2 (CPUID, leaf 07H) and
// vol. 3, 2.5 (CR4); what the two protections check: vol. 3, 4.6.
#include "arch/supervisor_protection.h"
#include "arch/cpu.h"
#include "arch/sections.h"

// Whether stac and clac may run. interrupt_entry.asm reads it to close the window at every
// entry, and only then: on a CPU without SMAP, clac is an invalid opcode. Read-only after boot,
// so no stray write can make the kernel skip that.
extern "C" {
READ_ONLY_AFTER_BOOT uint32_t g_smap_enabled;
}

namespace arch {
namespace {

constexpr uint32_t CPUID_HIGHEST_BASIC_LEAF = 0x0;
constexpr uint32_t CPUID_STRUCTURED_FEATURES = 0x7;
constexpr uint32_t STRUCTURED_FEATURE_SMEP = 1u << 7; // in EBX of leaf 7, subleaf 0
constexpr uint32_t STRUCTURED_FEATURE_SMAP = 1u << 20;

constexpr uint32_t CR4_SMEP = 1u << 20;
constexpr uint32_t CR4_SMAP = 1u << 21;

struct CpuidResult {
    uint32_t eax, ebx, ecx, edx;
};

CpuidResult cpuid(uint32_t leaf, uint32_t subleaf) {
    CpuidResult result;
    asm volatile("cpuid"
                 : "=a"(result.eax), "=b"(result.ebx), "=c"(result.ecx), "=d"(result.edx)
                 : "a"(leaf), "c"(subleaf));
    return result;
}

void write_cr4(uint32_t value) {
    asm volatile("mov %0, %%cr4" : : "r"(value) : "memory");
}

} // namespace

SupervisorProtection supported_supervisor_protection() {
    // Older CPUs (and QEMU's default qemu32 model) stop before leaf 7; asking them for it would
    // return the data of their highest leaf instead.
    if (cpuid(CPUID_HIGHEST_BASIC_LEAF, 0).eax < CPUID_STRUCTURED_FEATURES)
        return {false, false};
    uint32_t features = cpuid(CPUID_STRUCTURED_FEATURES, 0).ebx;
    return {(features & STRUCTURED_FEATURE_SMEP) != 0, (features & STRUCTURED_FEATURE_SMAP) != 0};
}

SupervisorProtection enable_supervisor_protection() {
    SupervisorProtection supported = supported_supervisor_protection();
    uint32_t cr4 = read_cr4();
    if (supported.smep)
        cr4 |= CR4_SMEP;
    if (supported.smap)
        cr4 |= CR4_SMAP;
    // The boot page tables map nothing for user mode, so nothing the kernel does now is refused.
    write_cr4(cr4);
    g_smap_enabled = supported.smap ? 1 : 0;
    return active_supervisor_protection();
}

SupervisorProtection active_supervisor_protection() {
    uint32_t cr4 = read_cr4();
    return {(cr4 & CR4_SMEP) != 0, (cr4 & CR4_SMAP) != 0};
}

UserMemoryWindow::UserMemoryWindow() : m_was_open(user_memory_window_is_open()) {
    if (g_smap_enabled)
        asm volatile("stac" ::: "memory");
}

UserMemoryWindow::~UserMemoryWindow() {
    // A window opened inside another leaves it open.
    if (g_smap_enabled && !m_was_open)
        asm volatile("clac" ::: "memory");
}

bool user_memory_window_is_open() {
    return g_smap_enabled && (read_flags() & FLAGS_ALIGNMENT_CHECK) != 0;
}

} // namespace arch

// The global descriptor table (see arch/gdt.h). Segmentation is flat: every code and data
// segment spans all 4 GiB from base 0, so only privilege levels and the TSSes really matter.
// Descriptor format: Intel SDM vol. 3, 3.4.5 (segments) and 8.2.2 (TSS descriptors).
#include "arch/gdt.h"
#include "arch/tss.h"

namespace arch {
namespace {

// One 8-byte descriptor, with the base and limit split across the fields as the CPU wants them.
struct SegmentDescriptor {
    uint16_t limit_low;
    uint16_t base_low;
    uint8_t base_middle;
    uint8_t access;           // present, privilege level, descriptor type
    uint8_t flags_limit_high; // granularity, size flags in the high nibble; limit bits 16-19
    uint8_t base_high;
} __attribute__((packed));
static_assert(sizeof(SegmentDescriptor) == 8);

// Access byte bits.
constexpr uint8_t PRESENT = 0x80;
constexpr uint8_t RING_0 = 0x00;
constexpr uint8_t RING_3 = 0x60;
constexpr uint8_t CODE_OR_DATA = 0x10;  // the S bit: not a system descriptor
constexpr uint8_t CODE_READABLE = 0x0A; // type: execute/read
constexpr uint8_t DATA_WRITABLE = 0x02; // type: read/write
constexpr uint8_t AVAILABLE_32_BIT_TSS = 0x09;

// Flags nibble: 4 KiB granularity (the limit counts pages) and 32-bit default operand size.
constexpr uint8_t PAGE_GRANULAR_32_BIT = 0xC0;
constexpr uint8_t BYTE_GRANULAR = 0x00;

constexpr SegmentDescriptor make_descriptor(uint32_t base, uint32_t limit, uint8_t access,
                                            uint8_t flags) {
    return SegmentDescriptor{
        static_cast<uint16_t>(limit & 0xFFFF),
        static_cast<uint16_t>(base & 0xFFFF),
        static_cast<uint8_t>((base >> 16) & 0xFF),
        access,
        static_cast<uint8_t>(flags | ((limit >> 16) & 0x0F)),
        static_cast<uint8_t>(base >> 24),
    };
}

// Base 0, limit 0xFFFFF pages: the whole address space.
constexpr SegmentDescriptor flat_segment(uint8_t access) {
    return make_descriptor(0, 0xFFFFF, PRESENT | CODE_OR_DATA | access, PAGE_GRANULAR_32_BIT);
}

SegmentDescriptor tss_descriptor(const TaskStateSegment& tss) {
    return make_descriptor(reinterpret_cast<uint32_t>(&tss), sizeof(TaskStateSegment) - 1,
                           PRESENT | RING_0 | AVAILABLE_32_BIT_TSS, BYTE_GRANULAR);
}

// Indexed by selector / 8; the order must match the selectors in arch/gdt.h.
constexpr int DESCRIPTOR_COUNT = 8;
SegmentDescriptor g_gdt[DESCRIPTOR_COUNT];

struct [[gnu::packed]] TablePointer {
    uint16_t limit;
    uint32_t base;
};

void load_segment_registers() {
    TablePointer pointer{sizeof g_gdt - 1, reinterpret_cast<uint32_t>(g_gdt)};
    asm volatile("lgdt %0" : : "m"(pointer));
    // CS can only be reloaded by a far transfer; the others by plain moves.
    asm volatile("ljmp %0, $1f\n1:" : : "i"(KERNEL_CODE_SELECTOR));
    asm volatile("movw %w0, %%ds\n"
                 "movw %w0, %%es\n"
                 "movw %w0, %%fs\n"
                 "movw %w0, %%gs\n"
                 "movw %w0, %%ss\n"
                 :
                 : "r"(static_cast<uint32_t>(KERNEL_DATA_SELECTOR)));
    asm volatile("ltr %w0" : : "r"(static_cast<uint32_t>(KERNEL_TSS_SELECTOR)));
}

} // namespace

void initialize_gdt() {
    initialize_task_state_segments();
    g_gdt[0] = SegmentDescriptor{}; // the null descriptor: loading selector 0 is always a fault
    g_gdt[KERNEL_CODE_SELECTOR / 8] = flat_segment(RING_0 | CODE_READABLE);
    g_gdt[KERNEL_DATA_SELECTOR / 8] = flat_segment(RING_0 | DATA_WRITABLE);
    g_gdt[USER_CODE_SELECTOR / 8] = flat_segment(RING_3 | CODE_READABLE);
    g_gdt[USER_DATA_SELECTOR / 8] = flat_segment(RING_3 | DATA_WRITABLE);
    g_gdt[KERNEL_TSS_SELECTOR / 8] = tss_descriptor(kernel_tss());
    g_gdt[DOUBLE_FAULT_TSS_SELECTOR / 8] = tss_descriptor(double_fault_tss());
    set_thread_pointer_base(0);
    load_segment_registers();
}

void set_thread_pointer_base(uint32_t address) {
    g_gdt[USER_THREAD_POINTER_SELECTOR / 8] = make_descriptor(
        address, 0xFFFFF, PRESENT | CODE_OR_DATA | RING_3 | DATA_WRITABLE, PAGE_GRANULAR_32_BIT);
}

} // namespace arch

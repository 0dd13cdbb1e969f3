// Host tests of the page-table code over a fake physical memory: an array that plays RAM, with
// the real frame allocator handing out its frames. Every table the code allocates or frees
// goes through that allocator, so leaks and double frees show up in its counts.
#include "kernel/memory/frame_allocator.h"
#include "kernel/memory/page_tables.h"
#include <gtest/gtest.h>
#include <vector>

using arch::PageEntry;
using libk::Error;
using memory::FrameAllocator;
using memory::PageTables;
using memory::PhysicalAddress;

namespace {

constexpr uintptr_t USER_END = 0xC0000000;

class FakePhysicalMemory : public memory::PhysicalMemory {
public:
    explicit FakePhysicalMemory(size_t frame_count) : m_ram(frame_count * 4096) {
        // Frame 0 stays out, so a zero frame number can never be a valid table.
        memory::PhysicalRange usable[] = {{4096, frame_count * 4096}};
        uint32_t limit = FrameAllocator::frame_limit(usable, UINT64_MAX);
        m_storage.resize(FrameAllocator::storage_bytes(limit));
        EXPECT_FALSE(
            m_frames.initialize(usable, {}, limit, m_storage.data(), m_storage.size()).is_error());
    }

    void* pointer_to(PhysicalAddress frame) override {
        EXPECT_LT(frame, m_ram.size());
        EXPECT_EQ(frame % 4096, 0u);
        return m_ram.data() + frame;
    }
    libk::ErrorOr<PhysicalAddress> allocate_frame() override { return m_frames.allocate(); }
    void free_frame(PhysicalAddress frame) override {
        EXPECT_FALSE(m_frames.free(frame).is_error()) << "freed frame " << std::hex << frame;
    }

    PhysicalAddress take_frame() {
        auto frame = m_frames.allocate();
        EXPECT_FALSE(frame.is_error());
        return frame.value();
    }
    uint32_t frames_in_use() const { return m_frames.total_frames() - m_frames.free_frames(); }
    void use_up_all_frames() {
        while (!m_frames.allocate().is_error()) {
        }
    }

    PageEntry directory_entry(PhysicalAddress directory, uintptr_t address) {
        return static_cast<PageEntry*>(pointer_to(directory))[arch::directory_index(address)];
    }
    PageEntry table_entry(PhysicalAddress directory, uintptr_t address) {
        PageEntry table = directory_entry(directory, address);
        return static_cast<PageEntry*>(pointer_to(table.frame()))[arch::table_index(address)];
    }

private:
    std::vector<uint8_t> m_ram;
    std::vector<uint8_t> m_storage;
    FrameAllocator m_frames;
};

struct TestTables {
    FakePhysicalMemory memory{4096};
    uint32_t frames_before_directory = memory.frames_in_use();
    PageTables tables{memory, PageTables::create_directory(memory).value(), USER_END};
};

TEST(PageTables, MapTranslateUnmap) {
    TestTables test;
    PhysicalAddress frame = test.memory.take_frame();
    ASSERT_FALSE(test.tables.map(0x08048000, frame, memory::USER_READ_WRITE).is_error());
    auto translation = test.tables.translate(0x08048123); // any address inside the page
    ASSERT_FALSE(translation.is_error());
    EXPECT_EQ(translation.value().frame, frame);
    EXPECT_EQ(translation.value().permissions, memory::USER_READ_WRITE);
    EXPECT_EQ(test.tables.translate(0x08049000).error(), Error::NotMapped);
    auto unmapped = test.tables.unmap(0x08048000);
    ASSERT_FALSE(unmapped.is_error());
    EXPECT_EQ(unmapped.value(), frame);
    EXPECT_EQ(test.tables.translate(0x08048000).error(), Error::NotMapped);
    EXPECT_EQ(test.tables.unmap(0x08048000).error(), Error::NotMapped);
}

TEST(PageTables, WritesTheEntryBitsTheCpuReads) {
    TestTables test;
    PhysicalAddress directory = test.tables.directory();
    PhysicalAddress frame = test.memory.take_frame();
    ASSERT_FALSE(test.tables.map(0x400000, frame, memory::USER_READ_ONLY).is_error());
    PageEntry entry = test.memory.table_entry(directory, 0x400000);
    EXPECT_EQ(entry.frame(), frame);
    EXPECT_EQ(entry.flags(), PageEntry::PRESENT | PageEntry::USER);
    // In the owned part the directory entry allows everything; the table entry decides.
    EXPECT_EQ(test.memory.directory_entry(directory, 0x400000).flags(),
              PageEntry::PRESENT | PageEntry::WRITABLE | PageEntry::USER);

    ASSERT_FALSE(test.tables.protect(0x400000, memory::KERNEL_READ_WRITE).is_error());
    EXPECT_EQ(test.memory.table_entry(directory, 0x400000).flags(),
              PageEntry::PRESENT | PageEntry::WRITABLE);
    EXPECT_EQ(test.tables.translate(0x400000).value().permissions, memory::KERNEL_READ_WRITE);
    ASSERT_FALSE(test.tables.protect(0x400000, memory::USER_READ_WRITE).is_error());
    EXPECT_EQ(test.memory.table_entry(directory, 0x400000).flags(),
              PageEntry::PRESENT | PageEntry::WRITABLE | PageEntry::USER);
    EXPECT_EQ(test.memory.table_entry(directory, 0x400000).frame(), frame);
    EXPECT_EQ(test.tables.protect(0x401000, memory::USER_READ_ONLY).error(), Error::NotMapped);
}

TEST(PageTables, RefusesBadRequests) {
    TestTables test;
    PhysicalAddress frame = test.memory.take_frame();
    EXPECT_EQ(test.tables.map(0, frame, memory::USER_READ_WRITE).error(), Error::BadAddress);
    EXPECT_EQ(test.tables.map(0x1234, frame, memory::USER_READ_WRITE).error(),
              Error::InvalidArgument);
    EXPECT_EQ(test.tables.map(0x2000, frame + 8, memory::USER_READ_WRITE).error(),
              Error::InvalidArgument);
    ASSERT_FALSE(test.tables.map(0x2000, frame, memory::USER_READ_WRITE).is_error());
    EXPECT_EQ(test.tables.map(0x2000, frame, memory::USER_READ_ONLY).error(), Error::AlreadyMapped);
    // The shared part has no tables until they are preallocated.
    EXPECT_EQ(test.tables.map(0xC0400000, frame, memory::KERNEL_READ_WRITE).error(),
              Error::BadAddress);
}

TEST(PageTables, FreesATableWithItsLastPage) {
    TestTables test;
    uint32_t with_directory = test.memory.frames_in_use();
    PhysicalAddress frame = test.memory.take_frame();
    // Three pages under one directory entry, one page under another.
    for (uintptr_t address : {0x400000u, 0x401000u, 0x7FF000u, 0x10000000u})
        ASSERT_FALSE(test.tables.map(address, frame, memory::USER_READ_WRITE).is_error());
    EXPECT_EQ(test.tables.owned_table_count(), 2u);
    EXPECT_EQ(test.memory.frames_in_use(), with_directory + 1 + 2);
    ASSERT_FALSE(test.tables.unmap(0x10000000).is_error());
    EXPECT_EQ(test.tables.owned_table_count(), 1u);
    ASSERT_FALSE(test.tables.unmap(0x401000).is_error());
    ASSERT_FALSE(test.tables.unmap(0x400000).is_error());
    EXPECT_EQ(test.tables.owned_table_count(), 1u); // 0x7FF000 still uses it
    ASSERT_FALSE(test.tables.unmap(0x7FF000).is_error());
    EXPECT_EQ(test.tables.owned_table_count(), 0u);
    EXPECT_FALSE(test.memory.directory_entry(test.tables.directory(), 0x400000).is_present());
    EXPECT_EQ(test.memory.frames_in_use(), with_directory + 1);
}

TEST(PageTables, NoFrameForATableChangesNothing) {
    TestTables test;
    PhysicalAddress frame = test.memory.take_frame();
    test.memory.use_up_all_frames();
    EXPECT_EQ(test.tables.map(0x400000, frame, memory::USER_READ_WRITE).error(),
              Error::OutOfMemory);
    EXPECT_EQ(test.tables.owned_table_count(), 0u);
    EXPECT_EQ(test.tables.translate(0x400000).error(), Error::NotMapped);
}

TEST(PageTables, DestroyReturnsEveryFrameAndTable) {
    TestTables test;
    for (uintptr_t page = 0; page < 300; ++page) {
        uintptr_t address = 0x1000 + page * 0x13000; // spread over many tables
        PhysicalAddress frame = test.memory.take_frame();
        ASSERT_FALSE(test.tables.map(address, frame, memory::USER_READ_WRITE).is_error());
    }
    EXPECT_GT(test.tables.owned_table_count(), 1u);
    test.tables.destroy(memory::MappedFrames::Free);
    EXPECT_EQ(test.memory.frames_in_use(), test.frames_before_directory);
}

TEST(PageTables, DestroyCanKeepTheMappedFrames) {
    TestTables test;
    PhysicalAddress frame = test.memory.take_frame();
    ASSERT_FALSE(test.tables.map(0x5000, frame, memory::USER_READ_WRITE).is_error());
    test.tables.destroy(memory::MappedFrames::Keep);
    EXPECT_EQ(test.memory.frames_in_use(), test.frames_before_directory + 1);
}

TEST(PageTables, KernelHalfIsSharedByEveryDirectory) {
    FakePhysicalMemory memory(4096);
    PageTables kernel(memory, PageTables::create_directory(memory).value(), USER_END);
    ASSERT_FALSE(kernel.preallocate_shared_tables().is_error());
    EXPECT_EQ(kernel.owned_table_count(), 0u);
    uint32_t kernel_frames = memory.frames_in_use();
    EXPECT_EQ(kernel_frames, 1u + 256u); // the directory and one table per 4 MiB of 1 GiB

    PageTables process(memory, PageTables::create_directory(memory).value(), USER_END);
    process.share_tables_of(kernel);
    // A kernel mapping made after the process directory was created shows up in it too.
    PhysicalAddress frame = memory.take_frame();
    ASSERT_FALSE(kernel.map(0xC0400000, frame, memory::KERNEL_READ_WRITE).is_error());
    auto seen = process.translate(0xC0400000);
    ASSERT_FALSE(seen.is_error());
    EXPECT_EQ(seen.value().frame, frame);
    // Shared tables are closed to ring 3 in the directory, whatever the table entry says.
    ASSERT_FALSE(kernel.map(0xC0401000, frame, memory::USER_READ_WRITE).is_error());
    EXPECT_EQ(process.translate(0xC0401000).value().permissions.owner, memory::PageOwner::Kernel);
    // Unmapping the last kernel page keeps the shared table.
    ASSERT_FALSE(kernel.unmap(0xC0400000).is_error());
    ASSERT_FALSE(kernel.unmap(0xC0401000).is_error());
    EXPECT_TRUE(memory.directory_entry(kernel.directory(), 0xC0400000).is_present());

    process.destroy(memory::MappedFrames::Free);
    EXPECT_EQ(memory.frames_in_use(), kernel_frames + 1); // only `frame` is left over
}

} // namespace

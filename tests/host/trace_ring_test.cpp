// Host tests of the trace's ring buffer: records come out in the order they went in, names travel
// with their record, and a full ring drops new records and says how many at the next one that
// fits.
#include "kernel/trace/ring.h"
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

using trace::Event;
using trace::Record;
using trace::RecordRing;
using trace::Slot;

Record switch_record(uint64_t time, uint32_t out, uint32_t in) {
    Record record;
    record.timestamp = time;
    record.event = Event::Switch;
    record.thread = out;
    record.other = in;
    return record;
}

struct Popped {
    Record record;
    std::string name;
};

std::vector<Popped> pop_all(RecordRing& ring) {
    std::vector<Popped> records;
    Record record;
    char name[trace::NAME_SIZE];
    while (ring.pop(record, name))
        records.push_back({record, name});
    return records;
}

class TraceRingTest : public ::testing::Test {
protected:
    void SetUp() override { ring.attach(slots, sizeof slots / sizeof slots[0]); }
    Slot slots[8];
    RecordRing ring;
};

TEST_F(TraceRingTest, EmptyRingGivesNothing) {
    Record record;
    char name[trace::NAME_SIZE];
    EXPECT_FALSE(ring.pop(record, name));
    EXPECT_EQ(ring.used(), 0u);
}

TEST_F(TraceRingTest, RecordsComeOutInOrderAcrossTheWrap) {
    // Twenty records through eight slots, three at a time: the indices wrap several times.
    uint64_t time = 0;
    std::vector<uint64_t> seen;
    for (int round = 0; round < 7; ++round) {
        for (int i = 0; i < 3; ++i)
            ASSERT_TRUE(ring.push(switch_record(++time, 1, 2)));
        for (const Popped& popped : pop_all(ring))
            seen.push_back(popped.record.timestamp);
    }
    ASSERT_EQ(seen.size(), 21u);
    for (size_t i = 0; i < seen.size(); ++i)
        EXPECT_EQ(seen[i], i + 1);
}

TEST_F(TraceRingTest, NameTravelsInTheNextSlotAndIsCut) {
    Record create;
    create.event = Event::ThreadCreate;
    create.thread = 7;
    ASSERT_TRUE(ring.push(create, "worker-1"));
    ASSERT_TRUE(ring.push(create, "a name much longer than thirty-one characters"));
    ASSERT_TRUE(ring.push(switch_record(5, 7, 0)));
    EXPECT_EQ(ring.used(), 5u);
    std::vector<Popped> records = pop_all(ring);
    ASSERT_EQ(records.size(), 3u);
    EXPECT_TRUE(records[0].record.has_name);
    EXPECT_EQ(records[0].name, "worker-1");
    EXPECT_EQ(records[1].name, "a name much longer than thirty-");
    EXPECT_FALSE(records[2].record.has_name);
    EXPECT_EQ(records[2].name, "");
}

TEST_F(TraceRingTest, FullRingDropsNewRecordsAndReportsThemAtTheNextOneThatFits) {
    for (uint64_t time = 1; time <= 8; ++time)
        ASSERT_TRUE(ring.push(switch_record(time, 1, 2)));
    EXPECT_FALSE(ring.push(switch_record(9, 1, 2)));
    EXPECT_FALSE(ring.push(switch_record(10, 1, 2)));
    EXPECT_EQ(ring.unreported_lost(), 2u);
    Record record;
    char name[trace::NAME_SIZE];
    ASSERT_TRUE(ring.pop(record, name)); // one slot free: not enough for Lost and the record
    EXPECT_FALSE(ring.push(switch_record(11, 1, 2)));
    ASSERT_TRUE(ring.pop(record, name));
    ASSERT_TRUE(ring.push(switch_record(12, 1, 2)));
    std::vector<Popped> records = pop_all(ring);
    ASSERT_EQ(records.size(), 8u); // six old ones, the Lost record, the new one
    EXPECT_EQ(records[6].record.event, Event::Lost);
    EXPECT_EQ(records[6].record.value, 3u);
    EXPECT_EQ(records[6].record.timestamp, 12u);
    EXPECT_EQ(records[7].record.timestamp, 12u);
    EXPECT_EQ(ring.total_lost(), 3u);
    EXPECT_EQ(ring.unreported_lost(), 0u);
}

TEST_F(TraceRingTest, RecordWithNameIsWholeOrNotAtAll) {
    for (uint64_t time = 1; time <= 7; ++time)
        ASSERT_TRUE(ring.push(switch_record(time, 1, 2)));
    Record create;
    create.event = Event::ThreadCreate;
    EXPECT_FALSE(ring.push(create, "needs two slots"));
    EXPECT_EQ(ring.used(), 7u);
    EXPECT_EQ(ring.take_unreported_lost(), 1u);
}

TEST(TraceRingDetached, DropsEverything) {
    RecordRing ring;
    EXPECT_FALSE(ring.is_attached());
    EXPECT_FALSE(ring.push(switch_record(1, 1, 2)));
    EXPECT_EQ(ring.total_lost(), 1u);
}

} // namespace

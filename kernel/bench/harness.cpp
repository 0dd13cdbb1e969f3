// See harness.h.
#include "kernel/bench/harness.h"
#include "kernel/bench/statistics.h"
#include "kernel/debug/panic.h"

namespace bench {

void Sampler::record(uint64_t cycles, uint32_t operations) {
    record_net(cost_per_operation(cycles, m_timestamp_overhead, operations));
}

void Sampler::record_net(uint64_t cycles) {
    VERIFY(m_count < m_capacity);
    m_samples[m_count++] = cycles;
}

void Sampler::add_detail(const char* key, uint64_t value) {
    VERIFY(m_detail_count < MAXIMUM_DETAILS);
    m_details[m_detail_count++] = {key, value};
}

} // namespace bench

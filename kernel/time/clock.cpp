// See clock.h. (Placeholder until the PIT driver exists: time stands still at zero.)
#include "kernel/time/clock.h"

namespace clock {

void initialize(uint32_t) {}
uint32_t hz() {
    return 0;
}
uint64_t ticks() {
    return 0;
}
uint64_t uptime_ms() {
    return 0;
}

} // namespace clock

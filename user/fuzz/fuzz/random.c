/* The fuzzer's generator: Marsaglia's xorshift128, whose four words of state are filled by the
 * splitmix32 mixer from (seed, process, thread). Fast, and good enough to choose arguments; the
 * point is only that one seed always gives the same choices in the same thread. */
#include "fuzz.h"

static uint32_t splitmix32(uint32_t* state) {
    uint32_t z = (*state += 0x9E3779B9u);
    z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
    z = (z ^ (z >> 13)) * 0xC2B2AE35u;
    return z ^ (z >> 16);
}

void random_seed(struct random_stream* stream, uint32_t seed, uint32_t process, uint32_t thread) {
    uint32_t mixer = seed ^ (process * 0x632BE5ABu) ^ (thread * 0x1B873593u);
    for (int i = 0; i < 4; ++i)
        stream->state[i] = splitmix32(&mixer);
    if ((stream->state[0] | stream->state[1] | stream->state[2] | stream->state[3]) == 0)
        stream->state[0] = 1; /* the one state xorshift cannot leave */
}

uint32_t random_next(struct random_stream* stream) {
    uint32_t* s = stream->state;
    uint32_t t = s[3];
    uint32_t first = s[0];
    s[3] = s[2];
    s[2] = s[1];
    s[1] = first;
    t ^= t << 11;
    t ^= t >> 8;
    s[0] = t ^ first ^ (first >> 19);
    return s[0];
}

uint32_t random_below(struct random_stream* stream, uint32_t limit) {
    return (uint32_t)(((uint64_t)random_next(stream) * limit) >> 32);
}

int random_one_in(struct random_stream* stream, uint32_t n) {
    return random_below(stream, n) == 0;
}

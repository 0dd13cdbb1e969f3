/* The CPU-bound partner of the share benchmarks (suite/share_benchmarks.c): it never enters the
 * kernel, so it gives the CPU away only when the timer ends its time slice, and it runs until
 * it is killed.
 *     /bench/spinner */
int main(void) {
    volatile unsigned long turns = 0;
    for (;;)
        ++turns;
}

// What the process machinery costs, printed in the test log as medians in TSC cycles (like
// measurement_tests.cpp; under QEMU's TCG they measure the emulated machine):
//   - a null system call (getpid) from user mode and back, timed by the program itself with
//     rdtsc around each `int 0x80`, so it is exactly the cost a program sees;
//   - spawning a trivial program (its first instruction is the exit call) and waiting for it,
//     timed from a kernel thread that calls what the spawn and wait calls call (so without
//     the two system-call entries, which the first figure gives).
// The only assertions are that the measurements happened; a cost is a number, not a verdict.
#include "arch/cpu.h"
#include "kernel/console/console.h"
#include "libk/abi/types.h"
#include "libk/new.h"
#include "libk/string.h"
#include "tests/kernel/program_test_support.h"

using namespace program_test;

namespace {

constexpr uint32_t CALL_SAMPLES = 2001; // 8 KiB of results: what an OutputCapture keeps
constexpr uint32_t SPAWN_SAMPLES = 201;

uint64_t median(uint32_t* samples, uint32_t count) {
    for (uint32_t i = 1; i < count; ++i) {
        uint32_t value = samples[i];
        uint32_t j = i;
        for (; j > 0 && samples[j - 1] > value; --j)
            samples[j] = samples[j - 1];
        samples[j] = value;
    }
    return samples[count / 2];
}

// Makes CALL_SAMPLES getpid calls, pushing the cycles each took, then writes them all to
// handle 1 and exits.
MachineCode null_call_program(CodeBuilder& program) {
    const uint8_t read_timestamp[] = {0x0F, 0x31}; // rdtsc
    const uint8_t keep_start[] = {0x89, 0xC7};     // mov edi, eax
    const uint8_t subtract_start[] = {0x29, 0xF8}; // sub eax, edi
    const uint8_t push_and_count[] = {0x50, 0x4E}; // push eax; dec esi
    const uint8_t stack_to_ecx[] = {0x89, 0xE1};   // mov ecx, esp
    program.move(Register::Esi, CALL_SAMPLES);
    uint32_t loop = program.here();
    program.bytes(read_timestamp).bytes(keep_start);
    program.move(Register::Eax, SYSCALL_GETPID).system_call();
    program.bytes(read_timestamp).bytes(subtract_start).bytes(push_and_count);
    const uint8_t again[] = {0x75, static_cast<uint8_t>(loop - program.here() - 2)}; // jnz loop
    program.bytes(again);
    program.bytes(stack_to_ecx).move(Register::Edx, CALL_SAMPLES * 4);
    program.move(Register::Ebx, 1).move(Register::Eax, SYSCALL_WRITE).system_call();
    program.move(Register::Eax, 0).exit_with_result();
    return program.code();
}

uint32_t g_overhead_samples[CALL_SAMPLES]; // 8 KiB: too much for a kernel stack

uint64_t timestamp_overhead() {
    for (uint32_t& sample : g_overhead_samples) {
        uint64_t start = arch::read_timestamp_counter();
        sample = static_cast<uint32_t>(arch::read_timestamp_counter() - start);
    }
    return median(g_overhead_samples, CALL_SAMPLES);
}

} // namespace

KERNEL_TEST(measure_null_system_call_and_spawn_and_wait) {
    uint64_t overhead = timestamp_overhead();

    auto* output = new (std::nothrow) OutputCapture;
    auto* program = new (std::nothrow) CodeBuilder;
    EXPECT(output != nullptr && program != nullptr);
    EXPECT_EQ(wait_for(start_code("null-call", null_call_program(*program), output)),
              ABI_WAIT_EXITED(0));
    EXPECT_EQ(output->length(), CALL_SAMPLES * 4);
    auto* samples = new (std::nothrow) uint32_t[CALL_SAMPLES];
    EXPECT(samples != nullptr);
    memcpy(samples, output->text(), CALL_SAMPLES * 4);
    uint64_t null_call = median(samples, CALL_SAMPLES);

    CodeBuilder exit_at_once;
    exit_at_once.move(Register::Ebx, 0).move(Register::Eax, SYSCALL_EXIT).system_call();
    for (uint32_t index = 0; index < SPAWN_SAMPLES; ++index) {
        uint64_t start = arch::read_timestamp_counter();
        EXPECT_EQ(wait_for(start_code("trivial", exit_at_once.code())), ABI_WAIT_EXITED(0));
        samples[index] = static_cast<uint32_t>(arch::read_timestamp_counter() - start);
    }
    uint64_t spawn_and_wait = median(samples, SPAWN_SAMPLES);

    auto net = [&](uint64_t cycles) { return cycles > overhead ? cycles - overhead : 0; };
    console::print("measurement: reading the TSC twice: median %llu cycles\n", overhead);
    console::print("measurement: null system call (getpid, int 0x80 and back): median %llu "
                   "cycles (%u samples)\n",
                   net(null_call), CALL_SAMPLES);
    console::print("measurement: spawn + wait of a trivial program: median %llu cycles "
                   "(%u samples)\n",
                   net(spawn_and_wait), SPAWN_SAMPLES);
    EXPECT(null_call > 0);
    EXPECT(spawn_and_wait > 0);
    delete[] samples;
    delete program;
    output->release();
}

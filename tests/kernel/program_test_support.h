// Helpers for the kernel tests that run user programs: start a program (from the initrd, or a
// few bytes of machine code wrapped in an ELF header), wait for it, and read what it printed
// through an OutputCapture given to it as handles 1 and 2.
#pragma once

#include "kernel/proc/kernel_object.h"
#include "kernel/proc/process.h"
#include "kernel/proc/program_arguments.h"
#include "kernel/testing/kernel_test.h"
#include "libk/abi/system_calls.h"

namespace program_test {

// A byte sink for a program's output: what it writes is kept (up to CAPACITY bytes) for the
// test to read. Made with `new`; the test holds one reference and releases it at the end.
class OutputCapture final : public KernelObject {
public:
    static constexpr ObjectKind KIND = ObjectKind::Capture;
    static constexpr size_t CAPACITY = 8192;

    OutputCapture() : KernelObject(ObjectKind::Capture) {}
    libk::ErrorOr<size_t> write(Process& caller, uintptr_t buffer, size_t count) override;

    // NUL-terminated.
    const char* text() const { return m_text; }
    size_t length() const { return m_length; }
    // Bytes written in all, kept or not.
    size_t total() const { return m_total; }

private:
    char m_text[CAPACITY + 1] = {};
    size_t m_length = 0;
    size_t m_total = 0;
};

// An ELF executable around `code`: one read-only, executable segment at 0x00400054 (right after
// the headers), which is also the entry point. Static storage: one program at a time.
struct MachineCode {
    const uint8_t* bytes;
    size_t size;
};
const uint8_t* make_program(MachineCode code, size_t& image_size);

// Starts a program as a child of the kernel; fails the test when it cannot.
ProcessId start(const char* path, const char* const* arguments, OutputCapture* output = nullptr);
ProcessId start_code(const char* name, MachineCode code, OutputCapture* output = nullptr);

// Waits for a child of the kernel and returns its wait status.
int32_t wait_for(ProcessId pid);

// Waits (sleeping) until `condition` holds for the process's first thread, at most `timeout_ms`.
bool wait_until_thread_state(ProcessId pid, bool (*condition)(const Thread& thread),
                             uint32_t timeout_ms);

} // namespace program_test

namespace program_test {

// Writes i386 machine code for the test programs, one instruction per call, so a program reads
// as a list of instructions (the encodings are in Intel SDM vol. 2).
enum class Register : uint8_t { Eax, Ecx, Edx, Ebx, Esp, Ebp, Esi, Edi };

class CodeBuilder {
public:
    // mov register, value
    CodeBuilder& move(Register target, uint32_t value);
    // int 0x80
    CodeBuilder& system_call();
    // The result in eax becomes the exit status: mov ebx, eax; mov eax, SYSCALL_EXIT; int 0x80.
    CodeBuilder& exit_with_result();
    // Any other instruction, as its bytes.
    CodeBuilder& bytes(const uint8_t* bytes, size_t count);
    template <size_t N>
    CodeBuilder& bytes(const uint8_t (&instruction)[N]) {
        return bytes(instruction, N);
    }

    // jne to a place not written yet: returns where to patch, for land().
    size_t jump_if_not_equal();
    // Makes the jump at `patch` go to the next instruction written.
    CodeBuilder& land(size_t patch);
    // The address the next instruction will have (make_program's layout).
    uint32_t here() const;

    MachineCode code() const { return {m_code, m_size}; }
    size_t size() const { return m_size; }

private:
    CodeBuilder& byte(uint8_t value);
    uint8_t m_code[1024];
    size_t m_size = 0;
};

// A program that makes one system call with these registers and exits with its result (so the
// wait status holds result & 0xff: -EFAULT arrives as 242).
MachineCode system_call_program(uint32_t number, uint32_t ebx = 0, uint32_t ecx = 0,
                                uint32_t edx = 0);
// The exit status such a program ends with for a call that fails with `error`.
constexpr int exit_status_for_error(int error) {
    return (-error) & 0xFF;
}

} // namespace program_test

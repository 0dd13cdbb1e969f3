// See program_test_support.h.
#include "tests/kernel/program_test_support.h"
#include "kernel/proc/elf.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sync/interrupt_guard.h"
#include "libk/new.h"
#include "libk/string.h"

namespace program_test {
namespace {

constexpr uint32_t LOAD_ADDRESS = 0x00400000;
constexpr size_t MAXIMUM_CODE = 4096;
uint8_t g_image[sizeof(elf::FileHeader) + sizeof(elf::ProgramHeader) + MAXIMUM_CODE];

ProgramArguments* arguments_of(const char* first, const char* const* rest) {
    auto* arguments = new (std::nothrow) ProgramArguments;
    EXPECT(arguments != nullptr);
    EXPECT(!arguments->add(first).is_error());
    for (const char* const* argument = rest; argument && *argument; ++argument)
        EXPECT(!arguments->add(*argument).is_error());
    return arguments;
}

ProcessId started(libk::ErrorOr<ProcessId> pid, const char* what) {
    if (pid.is_error())
        testing::fail(__FILE__, __LINE__, "could not start %s: %s", what,
                      libk::error_description(pid.error()));
    return pid.value();
}

} // namespace

libk::ErrorOr<size_t> OutputCapture::write(Process& caller, uintptr_t buffer, size_t count) {
    size_t room = CAPACITY - m_length;
    size_t kept = count < room ? count : room;
    TRY(caller.copy_from_user(m_text + m_length, buffer, kept));
    m_length += kept;
    m_text[m_length] = '\0';
    m_total += count;
    return count;
}

const uint8_t* make_program(MachineCode code, size_t& image_size) {
    EXPECT(code.size <= MAXIMUM_CODE);
    elf::FileHeader header{};
    const uint8_t identification[] = {
        0x7f, 'E', 'L', 'F', elf::CLASS_32, elf::DATA_LITTLE_ENDIAN, elf::CURRENT_VERSION};
    memcpy(header.identification, identification, sizeof identification);
    header.type = elf::TYPE_EXECUTABLE;
    header.machine = elf::MACHINE_386;
    header.version = elf::CURRENT_VERSION;
    uint32_t code_offset = sizeof(elf::FileHeader) + sizeof(elf::ProgramHeader);
    header.entry = LOAD_ADDRESS + code_offset;
    header.program_header_offset = sizeof(elf::FileHeader);
    header.header_size = sizeof(elf::FileHeader);
    header.program_header_size = sizeof(elf::ProgramHeader);
    header.program_header_count = 1;
    elf::ProgramHeader segment{elf::SEGMENT_LOAD,
                               code_offset,
                               LOAD_ADDRESS + code_offset,
                               LOAD_ADDRESS + code_offset,
                               static_cast<uint32_t>(code.size),
                               static_cast<uint32_t>(code.size),
                               elf::SEGMENT_READABLE | elf::SEGMENT_EXECUTABLE,
                               4096};
    memcpy(g_image, &header, sizeof header);
    memcpy(g_image + sizeof header, &segment, sizeof segment);
    memcpy(g_image + code_offset, code.bytes, code.size);
    image_size = code_offset + code.size;
    return g_image;
}

ProcessId start(const char* path, const char* const* arguments, OutputCapture* output) {
    ProgramArguments* vector = arguments_of(path, arguments);
    process_spawn::StandardHandles handles{nullptr, output};
    libk::ErrorOr<ProcessId> pid = process_spawn::spawn(kernel_process(), path, *vector, handles);
    delete vector;
    return started(pid, path);
}

ProcessId start_code(const char* name, MachineCode code, OutputCapture* output) {
    size_t size;
    const uint8_t* image = make_program(code, size);
    ProgramArguments* vector = arguments_of(name, nullptr);
    process_spawn::StandardHandles handles{nullptr, output};
    libk::ErrorOr<ProcessId> pid =
        process_spawn::spawn_image(kernel_process(), name, image, size, *vector, handles);
    delete vector;
    return started(pid, name);
}

int32_t wait_for(ProcessId pid) {
    int32_t status = -1;
    libk::ErrorOr<ProcessId> ended =
        lifecycle::wait_for_child(kernel_process(), pid, false, status);
    if (ended.is_error())
        testing::fail(__FILE__, __LINE__, "wait for process %u failed: %s", pid,
                      libk::error_description(ended.error()));
    EXPECT_EQ(ended.value(), pid);
    return status;
}

bool wait_until_thread_state(ProcessId pid, bool (*condition)(const Thread& thread),
                             uint32_t timeout_ms) {
    for (uint32_t waited = 0; waited <= timeout_ms; waited += 10) {
        {
            InterruptGuard guard;
            for (UserThread& thread : all_user_threads()) {
                if (thread.process().id() == pid && thread.kernel_thread() != nullptr &&
                    condition(*thread.kernel_thread()))
                    return true;
            }
        }
        this_thread::sleep_ms(10);
    }
    return false;
}

} // namespace program_test

namespace program_test {

CodeBuilder& CodeBuilder::byte(uint8_t value) {
    EXPECT(m_size < sizeof m_code);
    m_code[m_size++] = value;
    return *this;
}

CodeBuilder& CodeBuilder::move(Register target, uint32_t value) {
    byte(static_cast<uint8_t>(0xB8 + static_cast<uint8_t>(target))); // B8+r: mov r32, imm32
    for (int shift = 0; shift < 32; shift += 8)
        byte(static_cast<uint8_t>(value >> shift));
    return *this;
}

CodeBuilder& CodeBuilder::system_call() {
    return byte(0xCD).byte(0x80); // int 0x80
}

CodeBuilder& CodeBuilder::exit_with_result() {
    byte(0x89).byte(0xC3); // mov ebx, eax
    return move(Register::Eax, SYSCALL_EXIT).system_call();
}

CodeBuilder& CodeBuilder::bytes(const uint8_t* instruction, size_t count) {
    for (size_t index = 0; index < count; ++index)
        byte(instruction[index]);
    return *this;
}

size_t CodeBuilder::jump_if_not_equal() {
    byte(0x75).byte(0); // jne rel8, patched by land()
    return m_size - 1;
}

CodeBuilder& CodeBuilder::land(size_t patch) {
    size_t distance = m_size - (patch + 1);
    EXPECT(distance < 128);
    m_code[patch] = static_cast<uint8_t>(distance);
    return *this;
}

uint32_t CodeBuilder::here() const {
    return LOAD_ADDRESS + sizeof(elf::FileHeader) + sizeof(elf::ProgramHeader) +
           static_cast<uint32_t>(m_size);
}

MachineCode system_call_program(uint32_t number, uint32_t ebx, uint32_t ecx, uint32_t edx) {
    static CodeBuilder builder;
    builder = CodeBuilder();
    builder.move(Register::Ebx, ebx).move(Register::Ecx, ecx).move(Register::Edx, edx);
    builder.move(Register::Eax, number).system_call().exit_with_result();
    return builder.code();
}

} // namespace program_test

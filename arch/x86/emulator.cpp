// See arch/emulator.h. The values are chosen so that neither exit status can come from QEMU
// itself (which uses 0 and 1).
#include "arch/emulator.h"
#include "arch/cpu.h"
#include "arch/port_io.h"

namespace arch {

namespace {
constexpr uint16_t DEBUG_EXIT_PORT = 0xF4;
constexpr uint32_t SUCCESS_VALUE = 0x10; // QEMU exit status 33
constexpr uint32_t FAILURE_VALUE = 0x11; // QEMU exit status 35
} // namespace

void exit_emulator(EmulatorExit result) {
    write_port_dword(DEBUG_EXIT_PORT,
                     result == EmulatorExit::Success ? SUCCESS_VALUE : FAILURE_VALUE);
    halt_forever();
}

} // namespace arch

// What panic() throws in the host tests (see kernel_panic_double.cpp).
#pragma once

#include <stdexcept>
#include <string>

struct KernelPanic : std::runtime_error {
    explicit KernelPanic(const std::string& message) : std::runtime_error(message) {}
};

// ErrorOr<T>: the result of an operation that can fail, holding either a T or a libk::Error.
//
//   ErrorOr<PhysicalAddress> frame = frames.allocate();
//   if (frame.is_error())
//       return frame.error();          // pass the error on
//   use(frame.value());
//
// TRY(expression) is the short form of the same thing inside a function that itself returns an
// ErrorOr: it evaluates to the value, or returns the error from the enclosing function.
// The class is [[nodiscard]], so ignoring a result is a compiler warning.
#pragma once

#include "libk/error.h"
#include "libk/new.h"
#include "libk/utility.h"

namespace libk {

template <typename T>
class [[nodiscard]] ErrorOr {
public:
    ErrorOr(const T& value) : m_has_value(true) { new (&m_value) T(value); }
    ErrorOr(T&& value) : m_has_value(true) { new (&m_value) T(libk::move(value)); }
    ErrorOr(Error error) : m_error(error), m_has_value(false) {}

    ErrorOr(const ErrorOr& other) : m_error(other.m_error), m_has_value(other.m_has_value) {
        if (m_has_value)
            new (&m_value) T(other.m_value);
    }
    ErrorOr(ErrorOr&& other) : m_error(other.m_error), m_has_value(other.m_has_value) {
        if (m_has_value)
            new (&m_value) T(libk::move(other.m_value));
    }
    ErrorOr& operator=(const ErrorOr& other) {
        if (this != &other) {
            this->~ErrorOr();
            new (this) ErrorOr(other);
        }
        return *this;
    }
    ErrorOr& operator=(ErrorOr&& other) {
        if (this != &other) {
            this->~ErrorOr();
            new (this) ErrorOr(libk::move(other));
        }
        return *this;
    }

    ~ErrorOr() {
        if (m_has_value)
            m_value.~T();
    }

    bool is_error() const { return !m_has_value; }
    // Only meaningful when is_error(); a result that holds a value has no error.
    Error error() const { return m_error; }

    // Only when !is_error(): asking a failed result for its value is a bug in the caller.
    T& value() { return m_value; }
    const T& value() const { return m_value; }
    T release_value() { return libk::move(m_value); }

private:
    union {
        T m_value;
    };
    Error m_error{};
    bool m_has_value;
};

// The result of an operation that produces nothing but can fail.
template <>
class [[nodiscard]] ErrorOr<void> {
public:
    ErrorOr() : m_has_error(false) {}
    ErrorOr(Error error) : m_error(error), m_has_error(true) {}

    bool is_error() const { return m_has_error; }
    Error error() const { return m_error; }
    void release_value() {}

private:
    Error m_error{};
    bool m_has_error;
};

} // namespace libk

// Evaluates an ErrorOr expression; on error, returns the error from the enclosing function.
// (A GNU statement expression, which both clang and gcc support.)
#define TRY(expression)                                                                            \
    ({                                                                                             \
        auto try_result_ = (expression);                                                           \
        if (try_result_.is_error())                                                                \
            return try_result_.error();                                                            \
        try_result_.release_value();                                                               \
    })

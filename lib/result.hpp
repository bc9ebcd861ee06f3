#pragma once
// Result<T>: a value or an Error. Library code returns these; only main() prints and exits.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ctguard {

// Exit codes of docs/CLI.md (the sysexits.h values).
// sysexits.h numbers: scripts tell a usage error from a missing kernel feature or a failed write.
enum class Exit : int { ok = 0, usage = 64, unavailable = 69, internal = 70, ioerr = 74, noperm = 77 };

struct Error {
    Exit code = Exit::internal;
    std::string what;  // the operation or object, e.g. "netlink dump"
    std::string why;   // the reason, e.g. strerror(errno)
    std::string hint;  // optional next step for the user

    // Maps errno to an exit code: permission problems to 77, missing kernel features to 69.
    static Error from_errno(std::string what, int err, std::string hint = {});
    static Error usage(std::string what, std::string why, std::string hint = {}) {
        return {Exit::usage, std::move(what), std::move(why), std::move(hint)};
    }
    static Error unavailable(std::string what, std::string why, std::string hint = {}) {
        return {Exit::unavailable, std::move(what), std::move(why), std::move(hint)};
    }
    static Error internal(std::string what, std::string why) {
        return {Exit::internal, std::move(what), std::move(why), {}};
    }
};

template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    const Error& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : error_(std::move(error)) {}
    bool ok() const { return !error_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *error_; }

  private:
    std::optional<Error> error_;
};

}  // namespace ctguard

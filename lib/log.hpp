#pragma once
// Warnings for recoverable problems: one line on stderr, each distinct message once per process.
#include <string>

namespace ctguard {

void warn_once(const std::string& message);

}  // namespace ctguard

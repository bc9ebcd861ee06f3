#pragma once
// `ctguard audit`: text and JSON (docs/CLI.md shape, plus notes, the SSH settings and what was checked).
#include <nlohmann/json.hpp>
#include <string>

#include "model/audit.hpp"

namespace ctguard {

// {"id","severity","file","line","message","fix"}; line is null when the finding is about a whole file or
// a built-in default.
nlohmann::json finding_json(const Finding& f);
nlohmann::json audit_json(const AuditReport& r);
// Prose wraps to `width` columns (SIZE_MAX: never).
std::string audit_text(const AuditReport& r, size_t width);
// "HIGH  ssh.password_auth  /etc/ssh/sshd_config:58" and the wrapped message and fix under it.
std::string finding_text(const Finding& f, size_t width);

}  // namespace ctguard

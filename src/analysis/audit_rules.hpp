#pragma once
// The audit's rules: pure functions from what was read on disk to findings. docs/commands.md lists every id;
// the rules of each area are in ssh_rules, account_rules and persistence_rules.
#include "model/audit.hpp"

namespace ctguard {

// Every area's findings, most severe first (and within a severity: SSH, accounts, keys, then what came
// in), plus what was checked.
AuditReport run_audit_rules(const AuditInputs& in);

}  // namespace ctguard

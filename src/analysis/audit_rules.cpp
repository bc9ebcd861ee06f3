#include "analysis/audit_rules.hpp"

#include <algorithm>

#include "analysis/account_rules.hpp"
#include "analysis/persistence_rules.hpp"
#include "analysis/ssh_rules.hpp"

namespace ctguard {

namespace {

// Within a severity: first close the way in (SSH, passwords, keys), then remove what came through it.
int urgency(const std::string& id) {
    for (int i = 0; const char* prefix : {"ssh.", "account.", "keys.", "xorddos.", "persist.", "binary."}) {
        if (id.starts_with(prefix)) return i;
        ++i;
    }
    return 99;
}

}  // namespace

AuditReport run_audit_rules(const AuditInputs& in) {
    AuditReport r;
    r.notes = in.notes;
    r.ssh = in.ssh;
    if (!in.sshd.found && in.ssh.source != "sshd -T") r.ssh = {"none", {}};
    auto add = [&](std::vector<Finding> f) { r.findings.insert(r.findings.end(), f.begin(), f.end()); };
    if (r.ssh.source != "none") add(ssh_findings(in.sshd, in.ssh));
    add(account_findings(in.accounts, in.ssh));
    add(key_findings(in.key_files, in.known_keys, in.known_keys_path, in.now));
    add(persistence_findings(in.persistence));
    std::stable_sort(r.findings.begin(), r.findings.end(), [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity) return a.severity < b.severity;
        if (urgency(a.id) != urgency(b.id)) return urgency(a.id) < urgency(b.id);
        if (a.file != b.file) return a.file < b.file;
        return a.line < b.line;
    });

    int keys = 0;
    for (const auto& f : in.key_files) keys += static_cast<int>(f.keys.size());
    int units = 0, cron = 0;
    for (const auto& f : in.persistence.startup) {
        if (f.kind == StartupKind::systemd_unit) ++units;
        if (f.kind == StartupKind::crontab || f.kind == StartupKind::user_crontab ||
            f.kind == StartupKind::cron_script)
            ++cron;
    }
    r.checked = {
        {"sshd_config files", static_cast<int>(in.sshd.files.size())},
        {"accounts", static_cast<int>(in.accounts.passwd.size())},
        {"authorized_keys files", static_cast<int>(in.key_files.size())},
        {"authorized keys", keys},
        {"cron files", cron},
        {"systemd units", units},
        {"start-up files in all", static_cast<int>(in.persistence.startup.size())},
        {"files in /boot and /lib/udev", static_cast<int>(in.persistence.drops.size())},
        {"system binaries", static_cast<int>(in.persistence.binaries.size())},
    };
    return r;
}

}  // namespace ctguard

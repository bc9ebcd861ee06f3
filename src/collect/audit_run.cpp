#include "collect/audit_run.hpp"

#include <cstring>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <set>

#include "analysis/audit_rules.hpp"
#include "analysis/sshd_settings.hpp"
#include "analysis/verdict.hpp"
#include "host/accounts.hpp"
#include "host/authorized_keys.hpp"
#include "host/persistence_scan.hpp"
#include "host/sshd_config.hpp"
#include "host/sshd_control.hpp"
#include "lib/digest.hpp"

namespace ctguard {

Result<void> check_root_dir(const RootDir& root) {
    if (root.live()) return {};
    struct stat st {};
    if (::stat(root.dir.c_str(), &st) != 0) return Error::usage("--root " + root.dir, std::strerror(errno));
    if (!S_ISDIR(st.st_mode)) return Error::usage("--root " + root.dir, "not a directory");
    return {};
}

SshView read_ssh(const RootDir& root, std::vector<std::string>& notes) {
    SshView v{read_sshd_config(root), {}};
    v.settings = effective_sshd_settings(v.config);
    if (!v.config.found) {
        notes.push_back(
            fmt::format("no SSH server configuration ({}): SSH checks skipped", v.config.main_path));
        return v;
    }
    if (!root.live()) return v;
    auto dump = sshd_dump_live();
    if (!dump) {
        notes.push_back(dump.error().why + ": SSH settings come from ctguard's own reading of " +
                        v.config.main_path);
    } else if (!dump->succeeded()) {
        notes.push_back("`sshd -T` failed (" + dump->first_error_line() +
                        "): SSH settings come from ctguard's own "
                        "reading of " +
                        v.config.main_path);
    } else {
        std::vector<std::string> differ;
        v.settings = merge_sshd_t(v.settings, dump->out, differ);
        for (const auto& d : differ)
            notes.push_back("sshd -T and the files disagree on " + d + " (sshd -T wins)");
    }
    return v;
}

std::vector<AuthorizedKeysFile> read_all_authorized_keys(const RootDir& root, const Accounts& accounts,
                                                         const SshdSettings& ssh,
                                                         std::vector<std::string>& notes) {
    std::vector<AuthorizedKeysFile> out;
    std::set<std::string> seen;
    for (const auto& user : accounts.passwd) {
        for (auto& f : read_authorized_keys(root, user, ssh.value("authorizedkeysfile"), notes)) {
            // Accounts sharing a home (root and a UID 0 alias) share the file: report it once.
            if (seen.insert(f.path).second) out.push_back(std::move(f));
        }
    }
    return out;
}

AuditInputs collect_audit_inputs(const RootDir& root, const AuditOptions& options) {
    AuditInputs in;
    if (root.live() && ::geteuid() != 0) {
        in.notes.push_back(
            "not running as root: /etc/shadow, other users' authorized_keys and root's crontab "
            "cannot be read, so those checks are incomplete");
    }
    auto ssh = read_ssh(root, in.notes);
    in.sshd = std::move(ssh.config);
    in.ssh = std::move(ssh.settings);
    in.accounts = read_accounts(root, in.notes);
    in.key_files = read_all_authorized_keys(root, in.accounts, in.ssh, in.notes);
    if (in.ssh.value("authorizedkeyscommand") != "none") {
        in.notes.push_back("AuthorizedKeysCommand is set: keys it returns are not checked");
    }
    in.known_keys_path = options.known_keys_path;
    in.known_keys = read_known_keys(root, options.known_keys_path);

    std::set<std::string> homes;
    for (const auto& p : in.accounts.passwd) {
        struct stat st {};
        if (p.home.size() > 1 && ::stat(root.path(p.home).c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            homes.insert(p.home);
    }
    in.persistence = scan_persistence(root, {homes.begin(), homes.end()}, in.notes);
    in.now = static_cast<int64_t>(std::time(nullptr));
    return in;
}

AuditReport run_audit(const RootDir& root, const AuditOptions& options) {
    return run_audit_rules(collect_audit_inputs(root, options));
}

std::map<std::string, std::string> intrusion_binaries(const RootDir& root, const AuditReport& audit) {
    std::map<std::string, std::string> out;
    for (const auto& f : audit.findings) {
        if (f.file.empty() || !is_intrusion_finding(f.id)) continue;
        // sha256_file is bounded (hash_file_max) and reads regular files only.
        if (auto hex = sha256_file(root.path(f.file))) out.emplace(std::move(*hex), f.file);
    }
    return out;
}

}  // namespace ctguard

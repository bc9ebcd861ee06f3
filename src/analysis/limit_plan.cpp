#include "analysis/limit_plan.hpp"

#include <algorithm>
#include <map>

#include "analysis/sysctl_conf.hpp"
#include "analysis/sysctl_edit.hpp"
#include "lib/conf_order.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr std::string_view kSysctlHeader =
    "# Written by ctguard (limit set / limit timeouts --persist). It sorts after the other sysctl.d\n"
    "# files so its values win at boot. ctguard rewrites the values; other lines are kept.\n";

// Puts `file` where systemd would read it: it replaces a file of the same name, else goes in name order.
void put_file(SysctlConfig& config, ConfFile file) {
    auto name = base_name(file.listed);
    auto& files = config.files;
    auto it = std::find_if(files.begin(), files.end(),
                           [&](const ConfFile& f) { return base_name(f.listed) >= name; });
    if (it != files.end() && base_name(it->listed) == name)
        *it = std::move(file);
    else
        files.insert(it, std::move(file));
}

// Collects edits per written path: the first `before` and the last `after` survive.
class Changes {
  public:
    void edit(const std::string& path, const std::optional<std::string>& before, std::string after,
              bool backup, const std::string& why) {
        auto [it, fresh] = by_path_.try_emplace(path, FileChange{path, before, {}, backup, why});
        it->second.after = std::move(after);
        if (!fresh && it->second.why.find(why) == std::string::npos) it->second.why += "; " + why;
    }
    std::vector<FileChange> list() const {
        std::vector<FileChange> out;
        for (const auto& [path, c] : by_path_) {
            if (c.before != c.after) out.push_back(c);
        }
        return out;
    }

  private:
    std::map<std::string, FileChange> by_path_;
};

// Comments out the fixable conflicts. Files under /etc are edited in place (with a backup); a vendor
// file (/usr/lib, /run, ...) is masked by an edited copy of the same name in /etc/sysctl.d, the way
// sysctl.d(5) says to override one.
void fix_conflicts(SysctlConfig& config, const std::vector<SysctlConflict>& conflicts, Changes& changes) {
    std::map<std::string, std::map<unsigned, std::string>> notes;  // real file -> line -> note
    for (const auto& c : conflicts) {
        if (c.fixable) notes[c.file].emplace(c.line, c.problem);
    }
    std::vector<ConfFile*> all;
    for (auto& f : config.files) all.push_back(&f);
    if (config.sysctl_conf) all.push_back(&*config.sysctl_conf);
    for (const auto& [real, lines] : notes) {
        // By name: clang 14 (the fuzz build) cannot capture a structured binding in a lambda.
        const std::string& file = real;
        auto it = std::find_if(all.begin(), all.end(), [&](const ConfFile* f) { return f->real == file; });
        if (it == all.end()) continue;
        const ConfFile& src = **it;
        std::string fixed = comment_out_lines(src.text, lines);
        bool in_etc = real.starts_with("/etc/");
        std::string target = in_etc ? real : "/etc/sysctl.d/" + std::string(base_name(src.listed));
        std::optional<std::string> before;
        if (in_etc || src.listed == target) before = src.text;
        changes.edit(target, before, fixed, in_etc,
                     in_etc ? "conflicting lines commented out"
                            : "masks " + src.listed + " without its conflicting lines");
        for (ConfFile* f : all) {
            if (f->real != real) continue;
            f->text = fixed;
            if (!in_etc) f->listed = f->real = target;
        }
    }
}

}  // namespace

std::vector<SysctlConflict> config_conflicts(const SysctlConfig& config, const std::vector<SysctlKey>& keys) {
    auto out = legacy_conflicts(config);
    for (const auto& k : keys) {
        auto more = key_conflicts(config, k, kCtguardSysctlFile);
        out.insert(out.end(), more.begin(), more.end());
    }
    return out;
}

PersistPlan plan_persist(const SysctlConfig& config, const PersistRequest& req, const ModuleFiles& modules) {
    PersistPlan plan;
    plan.after = config;
    Changes changes;

    const std::string ours(kCtguardSysctlFile);
    std::optional<std::string> before;
    for (const auto& f : config.files) {
        if (f.listed == ours) before = f.text;
    }
    std::string text = before.value_or(std::string(kSysctlHeader));
    std::vector<SysctlKey> keys;
    for (const auto& [key, value] : req.values) {
        text = set_sysctl_value(text, key, std::to_string(value));
        keys.push_back(key);
    }
    changes.edit(ours, before, text, false, "ctguard's sysctl file, applied last at boot");
    put_file(plan.after, ConfFile{ours, ours, text});

    plan.conflicts = config_conflicts(plan.after, keys);
    if (req.fix_conflicts) {
        fix_conflicts(plan.after, plan.conflicts, changes);
        plan.conflicts = config_conflicts(plan.after, keys);
    }

    if (req.load_module) {
        changes.edit(
            std::string(kCtguardModulesLoadFile), modules.modules_load,
            "# Written by ctguard: load nf_conntrack before systemd-sysctl.service, or its sysctls do\n"
            "# not exist yet and the values in sysctl.d are lost at boot.\n"
            "nf_conntrack\n",
            false, "loads nf_conntrack before systemd-sysctl");
    }
    if (req.hashsize) {
        changes.edit(
            std::string(kCtguardModprobeFile), modules.modprobe,
            "# Written by ctguard: hash buckets of the conntrack table, set when nf_conntrack loads.\n"
            "options nf_conntrack hashsize=" +
                std::to_string(*req.hashsize) + "\n",
            false, "hashsize when nf_conntrack loads");
    }
    plan.changes = changes.list();
    return plan;
}

}  // namespace ctguard

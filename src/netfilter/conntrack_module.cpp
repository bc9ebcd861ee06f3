#include "netfilter/conntrack_module.hpp"

#include <unistd.h>

#include "host/config_files.hpp"
#include "lib/text.hpp"
#include "netfilter/sysctl.hpp"

namespace ctguard {

namespace {

// Loading any of these loads nf_conntrack too (they depend on it).
bool loads_conntrack(std::string_view module) {
    for (std::string_view m : {"xt_conntrack", "xt_state", "nft_ct"}) {
        if (module == m) return true;
    }
    return module.starts_with("nf_conntrack") || module.starts_with("nf_nat");
}

}  // namespace

bool conntrack_builtin(const RootDir& root) {
    return access(root.path("/sys/module/nf_conntrack").c_str(), F_OK) == 0 &&
           access(root.path("/sys/module/nf_conntrack/initstate").c_str(), F_OK) != 0;
}

Result<void> write_hashsize(const RootDir& root, uint64_t buckets) {
    return write_kernel_value(root, "/sys/module/nf_conntrack/parameters/hashsize", buckets);
}

Result<ModuleAtBoot> read_module_at_boot(const RootDir& root) {
    ModuleAtBoot m;
    m.builtin = conntrack_builtin(root);
    auto files = read_dropins(root, kModulesLoadDirs);
    if (!files) return files.error();
    // modules-load.d(5): one module name per line; '#' and ';' start comments; '-' and '_' are equal.
    for (const auto& f : *files) {
        for (auto line : split(f.text, '\n')) {
            std::string name(trim(line));
            if (name.empty() || name[0] == '#' || name[0] == ';') continue;
            for (char& c : name) {
                if (c == '-') c = '_';
            }
            if (loads_conntrack(name)) {
                m.listed_in = f.real == f.listed ? f.listed : f.listed + " (" + f.real + ")";
                return m;
            }
        }
    }
    return m;
}

}  // namespace ctguard

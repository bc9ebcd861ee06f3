#include "cli/nft_persist.hpp"

#include <unistd.h>

#include "host/config_files.hpp"

namespace ctguard {

Result<std::vector<FileChange>> plan_nft_files(const RootDir& root, const NftBootFile& file,
                                               const std::optional<std::string>& ruleset,
                                               std::vector<std::string>& notes) {
    auto conf = read_config_file(root, kNftablesConf);
    if (!conf) return conf.error();
    auto current = read_config_file(root, file.path);
    if (!current) return current.error();
    const std::string path(file.path);
    if (ruleset) {
        if (!*conf) {
            notes.push_back("there is no /etc/nftables.conf: nothing loads " + path +
                            " at boot; load it from your firewall setup with 'nft -f " + path + "'");
        } else {
            notes.push_back("at boot nftables.service loads /etc/nftables.conf, which includes " + path);
            bool enabled = false;
            for (const char* wants : {"sysinit.target.wants", "multi-user.target.wants"}) {
                std::string link =
                    root.path("/etc/systemd/system/" + std::string(wants) + "/nftables.service");
                enabled = enabled || access(link.c_str(), F_OK) == 0;
            }
            if (!enabled) notes.push_back("nftables.service is not enabled: run 'systemctl enable nftables'");
        }
    }
    return plan_nft_persist(*conf, *current, ruleset, file);
}

}  // namespace ctguard

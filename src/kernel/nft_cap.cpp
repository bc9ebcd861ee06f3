#include "kernel/nft_cap.hpp"

#include <fmt/format.h>
#include <nftables/libnftables.h>

#include <memory>

#include "lib/text.hpp"

namespace ctguard {

std::string source_cap_commands(uint32_t per_source) {
    // "table X" then "delete table X" makes the delete safe when the table does not exist yet; the
    // whole buffer is one transaction, so the cap is never briefly absent while it is replaced.
    std::string rules;
    for (const char* family : {"ip", "ip6"}) {
        rules += fmt::format("\t\tct state new add @cap_{0} {{ {1} saddr ct count over {2} }} counter drop\n",
                             family == std::string_view("ip") ? "v4" : "v6", family, per_source);
    }
    return fmt::format(
        "table inet {0}\n"
        "delete table inet {0}\n"
        "table inet {0} {{\n"
        "\tset cap_v4 {{ type ipv4_addr; size 65535; flags dynamic; }}\n"
        "\tset cap_v6 {{ type ipv6_addr; size 65535; flags dynamic; }}\n"
        "\tchain prerouting {{\n"
        "\t\ttype filter hook prerouting priority filter; policy accept;\n"
        "{1}"
        "\t}}\n"
        "\tchain output {{\n"
        "\t\ttype filter hook output priority filter; policy accept;\n"
        "{1}"
        "\t}}\n"
        "}}\n",
        kDaemonCapTable, rules);
}

std::string source_cap_removal_commands() {
    return fmt::format("table inet {0}\ndelete table inet {0}\n", kDaemonCapTable);
}

Result<void> run_nft(const std::string& commands, const std::string& what) {
    std::unique_ptr<nft_ctx, decltype(&nft_ctx_free)> ctx(nft_ctx_new(NFT_CTX_DEFAULT), nft_ctx_free);
    if (!ctx) return Error::internal(what, "libnftables could not create a context");
    nft_ctx_buffer_output(ctx.get());
    nft_ctx_buffer_error(ctx.get());
    if (nft_run_cmd_from_buffer(ctx.get(), commands.c_str()) != 0) {
        std::string err = nft_ctx_get_error_buffer(ctx.get());
        // nft's message spans lines (the offending command and a caret); the first says why.
        std::string first(trim(split(err, '\n').front()));
        bool denied = err.find("Operation not permitted") != std::string::npos;
        return Error{denied ? Exit::noperm : Exit::unavailable, what, first.empty() ? "nft failed" : first,
                     ""};
    }
    return {};
}

}  // namespace ctguard

#include "kernel/nftables.hpp"

#include <nftables/libnftables.h>

#include "lib/text.hpp"

namespace ctguard {

void Nftables::Free::operator()(nft_ctx* ctx) const {
    nft_ctx_free(ctx);
}

Result<Nftables> Nftables::open() {
    Nftables n;
    n.ctx_.reset(nft_ctx_new(NFT_CTX_DEFAULT));
    if (!n.ctx_) return Error::internal("nftables", "nft_ctx_new failed");
    nft_ctx_buffer_output(n.ctx_.get());
    nft_ctx_buffer_error(n.ctx_.get());
    return n;
}

Result<std::string> Nftables::run(const std::string& commands, bool json, bool dry_run) {
    nft_ctx* ctx = ctx_.get();
    nft_ctx_output_set_flags(ctx, json ? NFT_CTX_OUTPUT_JSON : 0);
    nft_ctx_set_dry_run(ctx, dry_run);
    int rc = nft_run_cmd_from_buffer(ctx, commands.c_str());
    std::string out = nft_ctx_get_output_buffer(ctx);
    std::string err = nft_ctx_get_error_buffer(ctx);
    if (rc == 0) return out;

    // libnftables reports kernel errors as text ("Error: Could not process rule: Operation not permitted").
    std::string first(trim(err.substr(0, err.find('\n'))));
    if (first.empty()) first = "failed";
    if (err.find("Operation not permitted") != std::string::npos) {
        return Error{Exit::noperm, "nftables", first, "run as root (CAP_NET_ADMIN is needed)"};
    }
    if (err.find("No such file or directory") != std::string::npos)
        return Error::unavailable("nftables", first);
    if (err.find("Protocol not supported") != std::string::npos) {
        return Error::unavailable("nftables", first, "the kernel lacks nf_tables (CONFIG_NF_TABLES)");
    }
    return Error::internal("nftables", first);
}

}  // namespace ctguard

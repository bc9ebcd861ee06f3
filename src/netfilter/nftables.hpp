#pragma once
// nftables through libnftables: the same language as `nft -f`, without a child process.
// libnftables (with libnftnl, libxtables, libjansson and libgmp behind it) is loaded with dlopen on
// the first open(), not linked: only `ctguard cap` and the daemon's cap action use it, and loading
// it at start-up cost every other command about 3 ms.
#include <memory>
#include <string>

#include "lib/result.hpp"

struct nft_ctx;

namespace ctguard {

class Nftables {
  public:
    // A context for the calling thread's network namespace (libnftables opens its netlink socket
    // here). Fails with 69 and an apt hint when libnftables.so.1 cannot be loaded.
    static Result<Nftables> open();

    // Runs nft commands and returns what nft printed (JSON with `json`). With `dry_run` the kernel
    // checks the whole transaction and commits nothing.
    Result<std::string> run(const std::string& commands, bool json = false, bool dry_run = false);

    struct Api;  // the libnftables functions ctguard calls, resolved once

  private:
    struct Free {
        const Api* api;
        void operator()(nft_ctx* ctx) const;
    };
    Nftables(const Api* api, nft_ctx* ctx) : api_(api), ctx_(ctx, Free{api}) {}
    const Api* api_;
    std::unique_ptr<nft_ctx, Free> ctx_;
};

}  // namespace ctguard

#pragma once
// nftables through libnftables: the same language as `nft -f`, without a child process.
#include <memory>
#include <string>

#include "lib/result.hpp"

struct nft_ctx;

namespace ctguard {

class Nftables {
  public:
    static Result<Nftables> open();

    // Runs nft commands and returns what nft printed (JSON with `json`). With `dry_run` the kernel
    // checks the whole transaction and commits nothing.
    Result<std::string> run(const std::string& commands, bool json = false, bool dry_run = false);

  private:
    struct Free {
        void operator()(nft_ctx* ctx) const;
    };
    std::unique_ptr<nft_ctx, Free> ctx_;
};

}  // namespace ctguard

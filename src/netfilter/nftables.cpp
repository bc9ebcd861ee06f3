#include "netfilter/nftables.hpp"

#include <dlfcn.h>
#include <nftables/libnftables.h>

#include "lib/text.hpp"

namespace ctguard {

// Each pointer has the type the header declares, so a signature change breaks the build, not a run.
struct Nftables::Api {
    decltype(&nft_ctx_new) ctx_new;
    decltype(&nft_ctx_free) ctx_free;
    decltype(&nft_ctx_buffer_output) buffer_output;
    decltype(&nft_ctx_buffer_error) buffer_error;
    decltype(&nft_ctx_output_set_flags) output_set_flags;
    decltype(&nft_ctx_set_dry_run) set_dry_run;
    decltype(&nft_run_cmd_from_buffer) run_cmd_from_buffer;
    decltype(&nft_ctx_get_output_buffer) get_output_buffer;
    decltype(&nft_ctx_get_error_buffer) get_error_buffer;
};

namespace {

// The soname of Debian 12's libnftables1 (0.9.3 and later keep it).
constexpr const char* kLibrary = "libnftables.so.1";

Error load_error(const std::string& why) {
    return Error::unavailable("nftables", "cannot load " + std::string(kLibrary) + ": " + why,
                              "install it: apt-get install libnftables1");
}

// Sets `fn` to the library's `name`; the first name it lacks goes to `missing`.
template <class F>
void resolve(void* lib, const char* name, F& fn, std::string& missing) {
    fn = reinterpret_cast<F>(dlsym(lib, name));
    if (!fn && missing.empty()) missing = name;
}

// Loaded once per process and never unloaded; a failure is remembered too (it will not change).
Result<const Nftables::Api*> load_api() {
    static const Result<Nftables::Api> api = []() -> Result<Nftables::Api> {
        void* lib = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
        if (!lib) return load_error(dlerror());
        Nftables::Api a{};
        std::string missing;
        resolve(lib, "nft_ctx_new", a.ctx_new, missing);
        resolve(lib, "nft_ctx_free", a.ctx_free, missing);
        resolve(lib, "nft_ctx_buffer_output", a.buffer_output, missing);
        resolve(lib, "nft_ctx_buffer_error", a.buffer_error, missing);
        resolve(lib, "nft_ctx_output_set_flags", a.output_set_flags, missing);
        resolve(lib, "nft_ctx_set_dry_run", a.set_dry_run, missing);
        resolve(lib, "nft_run_cmd_from_buffer", a.run_cmd_from_buffer, missing);
        resolve(lib, "nft_ctx_get_output_buffer", a.get_output_buffer, missing);
        resolve(lib, "nft_ctx_get_error_buffer", a.get_error_buffer, missing);
        if (!missing.empty()) return load_error("it has no " + missing + " (too old?)");
        return a;
    }();
    if (!api) return api.error();
    return &*api;
}

}  // namespace

void Nftables::Free::operator()(nft_ctx* ctx) const {
    api->ctx_free(ctx);
}

Result<Nftables> Nftables::open() {
    auto api = load_api();
    if (!api) return api.error();
    Nftables n(*api, (*api)->ctx_new(NFT_CTX_DEFAULT));
    if (!n.ctx_) return Error::internal("nftables", "nft_ctx_new failed");
    n.api_->buffer_output(n.ctx_.get());
    n.api_->buffer_error(n.ctx_.get());
    return n;
}

Result<std::string> Nftables::run(const std::string& commands, bool json, bool dry_run) {
    nft_ctx* ctx = ctx_.get();
    api_->output_set_flags(ctx, json ? NFT_CTX_OUTPUT_JSON : 0);
    api_->set_dry_run(ctx, dry_run);
    int rc = api_->run_cmd_from_buffer(ctx, commands.c_str());
    std::string out = api_->get_output_buffer(ctx);
    std::string err = api_->get_error_buffer(ctx);
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

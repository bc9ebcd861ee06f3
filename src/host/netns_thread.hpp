#pragma once
// Working inside another network namespace without moving the caller: a short-lived thread enters
// it, runs a function (open a socket, apply nftables rules) and exits. Sockets opened there stay
// bound to that namespace for their whole life, so a daemon enters each namespace once.
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"

namespace ctguard {

// Identifies one namespace: the nsfs inode behind a /run/netns bind mount or /proc/PID/ns/net.
struct NetnsId {
    dev_t dev = 0;
    ino_t ino = 0;
    bool operator==(const NetnsId&) const = default;
};

// The namespace `path` refers to now; ENOENT (exit 69) when it is gone.
Result<NetnsId> netns_id(const std::string& path);
// Is `path` a namespace (nsfs) and not a plain file? `ip netns add` creates the file a moment before
// it mounts a namespace on it, and `ip netns del` unmounts it a moment before it removes the file.
bool is_namespace_file(const std::string& path);
// The namespace the calling thread is in.
Result<NetnsId> current_netns_id();
// Runs fn on a thread that entered the namespace at `path`. `entered` receives the namespace's id;
// with `expected`, a different namespace at that path (one re-created under the same name) is an
// error and fn does not run.
Result<void> run_in_netns(const std::string& path, const std::function<Result<void>()>& fn,
                          NetnsId* entered = nullptr, const std::optional<NetnsId>& expected = std::nullopt);
// Names under /run/netns (relative to root), sorted; empty when the directory does not exist.
std::vector<std::string> list_netns_names(const RootDir& root);

}  // namespace ctguard

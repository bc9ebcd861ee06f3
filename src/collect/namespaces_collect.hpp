#pragma once
// Every other network namespace's table, read once: each discovered one's count, held against the
// host's nf_conntrack_max (`host_max`, which the caller has already read with its own table). A namespace is entered by a short-lived thread and its socket
// is closed before the next one, so nothing is kept alive after the read; one that vanishes
// mid-read is skipped with a note.
#include <functional>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "model/flow_sink.hpp"
#include "model/namespaces.hpp"

namespace ctguard {

NamespacesReport collect_namespaces(const RootDir& root, uint64_t host_max, const Thresholds& thresholds);
// Dumps every other namespace's table into `sink`, calling before(ns) ahead of each (so the sink can
// tag what follows); one that cannot be read (it vanished since discovery) is skipped with a warning.
void dump_other_namespaces(const RootDir& root, FlowSink& sink,
                           const std::function<void(const NamespaceInfo&)>& before);

}  // namespace ctguard

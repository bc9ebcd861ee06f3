#include "daemon/evidence_worker.hpp"

#include <sys/eventfd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

#include "analysis/incident.hpp"
#include "analysis/name_model.hpp"
#include "analysis/tenant_match.hpp"
#include "analysis/top.hpp"
#include "collect/procs_collect.hpp"
#include "config/allow_config.hpp"
#include "lib/log.hpp"
#include "lib/time_text.hpp"

namespace ctguard {

EvidenceResult take_evidence(const EvidenceRequest& request, const RootDir& root) {
    EvidenceResult out;
    out.id = request.id;
    out.tenant = request.spec.name;
    Evidence& ev = out.evidence;
    ev.at = wall_seconds();
    std::vector<TopAggregator> tops;
    tops.reserve(std::size(kEvidenceKeys));
    for (TopKey k : kEvidenceKeys) tops.emplace_back(std::vector<TopKey>{k}, Filter{});
    static_assert(std::size(kEvidenceKeys) == 4);
    FanOutSink all{&tops[0], &tops[1], &tops[2], &tops[3]};

    Result<DumpSummary> dump = Error::unavailable("evidence", "no table to read");
    // A socket of its own: the loop's keeps counting meanwhile.
    auto table =
        request.table ? ConntrackSource::open(root, *request.table) : Result<ConntrackSource>(dump.error());
    if (!table) {
        dump = table.error();
    } else if (request.spec.kind == TenantKind::host || request.spec.kind == TenantKind::netns) {
        dump = table->dump(all);
    } else {
        TenantFilterSink mine(request.spec, all);
        dump = table->dump(mine);
    }
    if (table && request.processes) {
        // The host's own processes: `procs`' attribution and suspicion.
        ProcessCollector collector(root);
        // Read for each look, so an edit takes effect without a reload; a bad file is reported and
        // ignored (the daemon keeps watching rather than stopping).
        auto allow = load_allow_list(root);
        if (!allow) warn_once("evidence: " + allow.error().what + ": " + allow.error().why + "; allow list ignored");
        if (auto looked = collector.snapshot(); looked) {
            ProcsReport report = collector.finish({NameModel::builtin(), allow ? &*allow : nullptr, {}});
            out.suspicious =
                static_cast<uint64_t>(std::count_if(report.processes.begin(), report.processes.end(),
                                                    [](const ProcessReport& p) { return p.suspicious; }));
            ev.processes = evidence_processes(std::move(report), request.top);
        } else {
            ev.error = "processes: " + looked.error().why;
        }
    }
    if (!dump) ev.error = dump.error().what + ": " + dump.error().why;
    for (const auto& agg : tops) ev.top.push_back(agg.result(request.top));
    return out;
}

EvidenceWorker::EvidenceWorker(RootDir root, size_t threads, size_t max_queued)
    : root_(std::move(root)), max_queued_(max_queued), ready_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

EvidenceWorker::~EvidenceWorker() {
    stop();
}

Result<void> EvidenceWorker::submit(EvidenceRequest request) {
    std::lock_guard lock(mu_);
    if (stop_) return Error::unavailable("evidence", "not taken: the daemon is stopping");
    if (queue_.size() >= max_queued_) {
        return Error::unavailable(
            "evidence", "not taken: " + std::to_string(queue_.size()) + " dumps already wait their turn");
    }
    queue_.push_back(std::move(request));
    cv_.notify_one();
    return {};
}

std::vector<EvidenceResult> EvidenceWorker::take() {
    // Clears the eventfd (one read takes its whole count) before taking the list: a result added
    // after this sets it again, so none is left unseen.
    uint64_t n;
    [[maybe_unused]] auto r = ::read(ready_.get(), &n, sizeof n);
    std::lock_guard lock(mu_);
    return std::exchange(done_, {});
}

void EvidenceWorker::stop() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
        queue_.clear();
        cv_.notify_all();
    }
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
}

void EvidenceWorker::run() {
    std::unique_lock lock(mu_);
    while (true) {
        cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (stop_) return;
        EvidenceRequest request = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        EvidenceResult result;
        if (!run_logged("evidence for " + request.spec.name,
                        [&] { result = take_evidence(request, root_); })) {
            result.id = request.id;
            result.tenant = request.spec.name;
            result.evidence.at = wall_seconds();
            result.evidence.error = "unexpected error (see the log)";
        }
        lock.lock();
        done_.push_back(std::move(result));
        const uint64_t one = 1;
        [[maybe_unused]] auto w = ::write(ready_.get(), &one, sizeof one);  // cannot fail short of overflow
    }
}

}  // namespace ctguard

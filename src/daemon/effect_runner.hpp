#pragma once
// Carries out what the tenant monitors decide, and decides nothing itself: log lines, caps and
// shields (nftables inside the tenant's namespace), exec hooks (HookRunner), incident saves (HistoryWriter,
// on its own thread) and evidence dumps (EvidenceWorker, on its threads).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "daemon/evidence_worker.hpp"
#include "daemon/history_writer.hpp"
#include "daemon/hook_runner.hpp"
#include "daemon/tenant.hpp"
#include "model/daemon_config.hpp"

namespace ctguard {

class EffectRunner {
  public:
    // `config` is the daemon's, read at every effect (so a reload applies from then on).
    EffectRunner(const DaemonConfig& config, RootDir root);
    ~EffectRunner();
    EffectRunner(const EffectRunner&) = delete;
    EffectRunner& operator=(const EffectRunner&) = delete;

    // Starts the history writer and the evidence threads; they inherit the caller's signal mask.
    Result<void> start();
    // What the monitors decide with: the configuration and the evidence request ids.
    MonitorContext context() { return MonitorContext{config_, last_request_}; }
    // In order. An evidence request that cannot be queued goes back to t's monitor at once.
    void apply(Tenant& t, Effects effects);

    // Readable while evidence results wait to be taken.
    int evidence_fd() const { return evidence_->ready_fd(); }
    std::vector<EvidenceResult> take_evidence() { return evidence_->take(); }
    HookRunner& hooks() { return hooks_; }
    // A reload named another database or retention: what the old one has not taken is logged, and
    // the incidents still open go to the new one (if any).
    void reopen_history(const std::string& db, double retention, const std::vector<const Incident*>& open);

    // Stopping: no more dumps start; those under way finish, and their results can still be taken.
    void stop_evidence() { evidence_->stop(); }
    // Then the hooks get `grace` seconds, and the history one last attempt (what it would not take
    // is logged).
    void finish(double grace);
    uint64_t failures() const { return hooks_.failures() + action_failures_; }

  private:
    void carry_out(Tenant& t, LogLine& line);
    void carry_out(Tenant& t, RunCap& cap);
    void carry_out(Tenant& t, RunShield& shield);
    void carry_out(Tenant& t, RunHooks& hooks);
    void carry_out(Tenant& t, RequestEvidence& request);
    void carry_out(Tenant& t, SaveIncident& save);
    void finish_history();
    // Runs `work` where the tenant's rules go: its namespace, or the host's for the host tenant.
    Result<void> in_tenant_namespace(Tenant& t, const std::string& what, const std::function<Result<void>()>& work);

    const DaemonConfig& config_;
    const RootDir root_;
    HookRunner hooks_;
    std::unique_ptr<HistoryWriter> writer_;
    std::unique_ptr<EvidenceWorker> evidence_;
    uint64_t last_request_ = 0;
    uint64_t action_failures_ = 0;  // caps and shields that failed
};

}  // namespace ctguard

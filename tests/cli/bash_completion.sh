# The bash completion the build made (build/man/ctguard.bash-completion), loaded in bash and asked as
# bash asks it (COMP_WORDS, COMP_CWORD -> COMPREPLY): commands and options at every level are those
# of --help, option values (--by keys, levels, namespace names) complete, and an option's value is
# never taken for a command.
. "$TEST_LIB"
set -e
SCRIPT=$(dirname "$CTGUARD")/man/ctguard.bash-completion
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"; cleanup_netns' EXIT INT TERM
"$CTGUARD" --bash-completion | cmp -s - "$SCRIPT" || fail "$SCRIPT differs from 'ctguard --bash-completion'"
bash -n "$SCRIPT" || fail "$SCRIPT is not valid bash"

# complete WORD... : the sorted candidates, one line, for the command line WORD... with the cursor at
# the end of the last WORD ("" for a new word). bash splits at '=', so "--by=s" is "--by" "=" "s".
complete() {
    bash -c 'source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ctguard
        [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' complete "$SCRIPT" "$@"
}
expect_completion() {
    local want=$1 got; shift
    got=$(complete "$@")
    assert_eq "$got" "$want" "completion of '$*'"
}

# Every command path: its subcommands and options are exactly what --help lists (options of the
# parents included: global options work after the command).
/usr/bin/python3 "$SRC_DIR/tests/help_options.py" "$CTGUARD" >"$TMP/help"
paths=$(cut -f1 "$TMP/help" | sort -u)
while IFS= read -r path; do
    words=""
    [ -z "$path" ] || words="$path"
    # shellcheck disable=SC2086 # the path is words
    want_cmds=$( (awk -F'\t' -v p="$path" '$1 == p && $2 ~ /^\+/ {print substr($2, 2)}' "$TMP/help"
        [ -n "$path" ] || echo help) | sort | tr '\n' ' ')
    # shellcheck disable=SC2086
    got_cmds=$(complete ctguard $words "")
    assert_eq "$got_cmds" "$want_cmds" "commands after 'ctguard $path'"
    # The options of the path and of each parent.
    want_opts=$(p="$path"; while :; do
        awk -F'\t' -v p="$p" '$1 == p && $2 !~ /^\+/ {print $2}' "$TMP/help"
        [ -n "$p" ] || break
        case $p in *" "*) p=${p% *} ;; *) p="" ;; esac
    done | sort -u | tr '\n' ' ')
    # shellcheck disable=SC2086
    got_opts=$(complete ctguard $words -)
    assert_eq "$got_opts" "$want_opts" "options after 'ctguard $path'"
done <<<"$paths"
echo "$(echo "$paths" | wc -l) command paths complete as --help lists them"

expect_completion "check " ctguard ch
expect_completion "set timeouts " ctguard help limit ""
expect_completion "--dry-run " ctguard flush --dr
# Values: --by keys, comma-separated, also after '='; levels; protocols; states.
expect_completion "dport dst " ctguard top --by d
expect_completion "src,dport src,dst " ctguard top --by src,d
expect_completion "sport src state " ctguard top --by = s
expect_completion "capped critical " ctguard check --fail-on c
expect_completion "udp udplite " ctguard list --proto ud
expect_completion "SYN_RECV SYN_SENT SYN_SENT2 " ctguard list --state SYN
# An option's value is not a command: "--netns top" is a namespace named top.
expect_completion "--by " ctguard --netns top top --b
expect_completion "cap check " ctguard --netns check c
expect_completion "--fail-on " ctguard --netns=x check --fail
expect_completion "" ctguard --json --root /x top --by src process

# Namespace names for --netns: what /run/netns holds at the time of the Tab.
if [ "$(id -u)" -eq 0 ]; then
    ns=$(new_netns comp)
    got=$(complete ctguard --netns "ctg-$$-")
    assert_eq "$got" "$ns " "--netns candidates"
    got=$(complete ctguard top --all-netns --netns "ctg-$$-c")
    assert_eq "$got" "$ns " "--netns candidates after the command"
else
    echo "not root: --netns names are not checked (needs ip netns add)"
fi

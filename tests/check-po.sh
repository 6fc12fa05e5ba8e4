#!/bin/sh
# Checks the translation catalogs: po/dxhub.pot must match the strings in the sources, and every
# po/*.po (French and Spanish) must have each of those strings translated, none fuzzy, and pass
# msgfmt --check. Names every entry at fault; the last line is "N passed, N failed", counting
# languages (a stale template fails them all: their catalogs were merged from it). Exit 1 on failure.
set -u
cd "$(dirname "$0")/.."
export LC_ALL=C

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! scripts/update-po.sh --pot "$tmp/sources.pot" 2>"$tmp/xgettext.err"; then
    cat "$tmp/xgettext.err" >&2
    echo "po: cannot extract the strings from the sources"
    echo "0 passed, 1 failed"
    exit 1
fi

# The msgids of a catalog or of what msgattrib selected from it (stdin), one per line as written
# in the file (escapes kept), without the header and without obsolete (#~) entries.
msgids() {
    msgcat --no-wrap --sort-output - | sed -n 's/^msgid "\(..*\)"$/\1/p' | sort -u
}

# Prints each line of the file $2 as "po: $1 "msgid"".
report() {
    while IFS= read -r id; do
        echo "po: $1 \"$id\""
    done <"$2"
}

msgids <"$tmp/sources.pot" >"$tmp/sources"
pot_ok=1
msgids <po/dxhub.pot >"$tmp/pot"
comm -13 "$tmp/pot" "$tmp/sources" >"$tmp/added"
comm -23 "$tmp/pot" "$tmp/sources" >"$tmp/removed"
if [ -s "$tmp/added" ] || [ -s "$tmp/removed" ]; then
    pot_ok=0
    report "dxhub.pot lacks (run make po):" "$tmp/added"
    report "dxhub.pot has a string no source uses (run make po):" "$tmp/removed"
fi

passed=0
failed=0
for po in po/*.po; do
    lang=$(basename "$po" .po)
    ok=$pot_ok
    if ! msgfmt --check -o /dev/null "$po" 2>"$tmp/msgfmt.err"; then
        sed "s/^/po: $lang: /" "$tmp/msgfmt.err"
        ok=0
    fi
    msgattrib --no-obsolete "$po" | msgids >"$tmp/have"
    msgattrib --untranslated --no-obsolete "$po" | msgids >"$tmp/untranslated"
    msgattrib --only-fuzzy --no-obsolete "$po" | msgids >"$tmp/fuzzy"
    comm -13 "$tmp/have" "$tmp/sources" >"$tmp/missing"
    for kind in untranslated fuzzy missing; do
        if [ -s "$tmp/$kind" ]; then
            report "$lang: $kind:" "$tmp/$kind"
            ok=0
        fi
    done
    if [ "$ok" = 1 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

#!/bin/sh
# Refreshes the translation template po/dxhub.pot from the C sources (strings marked with _() or
# N_()) and merges it into every po/*.po, keeping their translations. New strings then appear
# untranslated and changed ones fuzzy: translate them and tests/check-po.sh passes again.
#
# Usage: scripts/update-po.sh             refresh po/dxhub.pot and po/*.po
#        scripts/update-po.sh --pot FILE  only extract the template into FILE (for tests/check-po.sh)
set -eu
cd "$(dirname "$0")/.."

# Writes the template of every src/**/*.c into $1. File-only locations keep the diffs small.
extract() {
    find src -name '*.c' | LC_ALL=C sort >"$1.files"
    xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --add-comments=TRANSLATORS: --add-location=file --force-po \
        --package-name=dxhub --files-from="$1.files" --output="$1"
    # xgettext writes charset=CHARSET while every msgid is ASCII; the sources are UTF-8.
    sed -i 's/charset=CHARSET/charset=UTF-8/' "$1"
    rm -f "$1.files"
}

if [ "${1:-}" = "--pot" ]; then
    [ $# -eq 2 ] || { echo "usage: $0 [--pot FILE]" >&2; exit 2; }
    extract "$2"
    exit 0
fi

tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.files"' EXIT
extract "$tmp"
# Keep the old file when only the creation date changed, so the template does not churn.
if [ -f po/dxhub.pot ] && diff -q -I '^"POT-Creation-Date:' po/dxhub.pot "$tmp" >/dev/null; then
    echo "po: po/dxhub.pot unchanged"
else
    cp "$tmp" po/dxhub.pot
    echo "po: po/dxhub.pot updated"
fi
for po in po/*.po; do
    [ -e "$po" ] || continue
    msgmerge --quiet --update --backup=none --previous --add-location=file "$po" po/dxhub.pot
    echo "po: $po merged"
done

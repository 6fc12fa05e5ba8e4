#!/usr/bin/env bash
# `make bench`: how fast dxhub serves its pages next to nginx serving the same bytes as static
# files. Two pages: the home page (a visitor with no cookie), and an event page with 3 sessions,
# 12 guiding questions and 4 partners (bench/event.sql adds it to the demo data) for a visitor
# reading French in Sao Paulo (cookies lang=fr and tz=America/Sao_Paulo, so both clocks are
# rendered). Starts dxhub with its page cache on and off (--page-cache 0) and nginx, all on
# 127.0.0.1 (fresh demo data, a temp nginx config run as the current user), loads each with wrk,
# prints req/s and latencies. Then the registration burst (bench/registration_burst.mjs): 2,000
# members register at once for 300 seats on that hub; p50/p99 and errors. Then the live rooms'
# fan-out (build/bench/sse_load, bench/sse_load.c): 1,000 and then 10,000 Server-Sent Events
# streams on one post-moderated room of that event while a member posts questions at a steady
# rate; the delay until every stream has each question (p50/p99/max), the server's memory per
# stream, and the event page's latency for that member meanwhile. Ends with one summary table: each
# figure of issue 12, its target, what this run measured, the same-run anchor it is compared with
# (nginx's req/s for the pages) and whether it holds (✓/✗). Prints numbers, never fails on them;
# every step is bounded in time and everything started is stopped on every exit path.
#
# Settings (environment): BENCH_DURATION (default 10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2),
# BENCH_WARMUP (2s, 0 to skip), BENCH_PAGES ("home event"; empty for none), DXHUB_BIN (build/dxhub), NGINX (nginx),
# WRK (wrk), PYTHON (/usr/bin/python3, which loads bench/event.sql), BENCH_REGISTRATIONS (2000),
# BENCH_SEATS (300), BENCH_SSE_CLIENTS ("1000 10000"; empty for none), BENCH_SSE_EVENTS (50 questions per run),
# BENCH_SSE_RATE (5 questions per second).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-2s}
BIN=${DXHUB_BIN:-build/dxhub}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
WRK=${WRK:-wrk}
PYTHON=${PYTHON:-/usr/bin/python3}
PAGES=${BENCH_PAGES-home event}
EVENT_COOKIE="lang=fr; tz=America/Sao_Paulo"

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN is missing: run 'make build' first"
[ -x "$NGINX" ] || die "nginx is missing (Debian package nginx-light; scripts/deps.sh installs it)"
command -v "$WRK" >/dev/null || die "wrk is missing (Debian package wrk; scripts/deps.sh installs it)"
command -v curl >/dev/null || die "curl is missing"
[ -x "$PYTHON" ] || die "$PYTHON is missing (Debian package python3)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dxhub-bench.XXXXXX")
DXHUB_PID=""
DXHUB2_PID=""
NGINX_PID=""
SSE_PID=""
WRK_PID=""
BG_PID=""
SUMMARY_DONE=""

# Reads "req/s|p50 ms|p99 ms|non-2xx count|socket errors" from a wrk output ("n/a" when missing).
parse() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
            if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
            return "n/a"
        }
        /^Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ { sock = $0; sub(/.*Socket errors: */, "", sock) }
        END {
            printf "%s|%s|%s|%s|%s\n", (rps == "" ? "n/a" : rps), (p50 == "" ? "n/a" : p50),
                (p99 == "" ? "n/a" : p99), (non2xx == "" ? 0 : non2xx), (sock == "" ? "none" : sock)
        }' "$1"
}
fmt_ms() { case $1 in n/a) echo n/a ;; *) awk -v v="$1" 'BEGIN { printf "%.2f ms", v }' ;; esac; }
# The share of nginx's req/s, "n/a" when either is unknown.
share() { case "$1$2" in *n/a*) echo n/a ;; *) awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "n/a" }' ;; esac; }

# --- the summary table ---------------------------------------------------------------------------
# One row per figure of issue 12: the figure, its target, what this run measured, the same-run
# anchor it is compared with, and whether it holds. A figure this run did not measure reads
# "not run". Never fails: a missing or unreadable output only leaves its row empty.
SUMMARY_ROWS=""
row() { SUMMARY_ROWS+="$1|$2|$3|$4|$5"$'\n'; }
# Whether awk expression expr holds for the variables given as name=value; prints ✓, ✗ or –.
holds() {
    local expr=$1
    shift
    case "$*" in *n/a* | *=) echo "–"; return 0 ;; esac
    awk "$@" "BEGIN { print (($expr) ? \"✓\" : \"✗\") }" 2>/dev/null || echo "–"
}
# The rows of one page: from the page cache (kind "cache") or rendered (kind "render").
page_rows() {
    local page=$1 label=$2 kind=$3 f="$TMP/wrk-$1" ng rps p99
    if [ ! -s "$f-nginx.txt" ]; then
        case $kind in
            cache) row "$label from the page cache" "≥ 100% of nginx" "not run" "" "–" ;;
            *) row "$label rendered (cache off)" "≥ 40% of nginx, p99 < 10 ms" "not run" "" "–" ;;
        esac
        return 0
    fi
    IFS='|' read -r ng _ < <(parse "$f-nginx.txt")
    if [ "$kind" = cache ]; then
        IFS='|' read -r rps _ p99 _ < <(parse "$f-dxhub.txt")
        row "$label from the page cache" "≥ 100% of nginx" "$(share "$rps" "$ng") (${rps%.*} req/s)" \
            "nginx ${ng%.*} req/s" "$(holds 'r >= n' -v r="$rps" -v n="$ng")"
    else
        IFS='|' read -r rps _ p99 _ < <(parse "$f-dxhub-nocache.txt")
        row "$label rendered (cache off)" "≥ 40% of nginx, p99 < 10 ms" \
            "$(share "$rps" "$ng") (${rps%.*} req/s), p99 $(fmt_ms "$p99")" "nginx ${ng%.*} req/s" \
            "$(holds 'r >= 0.4 * n && p < 10' -v r="$rps" -v n="$ng" -v p="$p99")"
    fi
}
# The first match of sed pattern re's group \1 in file f.
pick() { sed -n "s/$1/\\1/p" "$2" | head -n1; }
# n with thousands separated by commas (10000: 10,000).
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
burst_row() {
    local f="$TMP/burst.txt" n=${BENCH_REGISTRATIONS:-2000} seats=${BENCH_SEATS:-300} p99 rate conf wait errs
    local label="registration burst, $(thousands "$n") at once for $seats seats"
    local target="p99 < 250 ms, confirmed=$seats waitlisted=$((n - seats)), no errors"
    if [ ! -s "$f" ] || ! grep -q 'p99' "$f"; then
        row "$label" "$target" "not run" "" "–"
        return 0
    fi
    p99=$(pick '.*p99 \([0-9.]*\) ms.*' "$f")
    rate=$(pick '.*(\([0-9.]*\) registrations\/s).*' "$f")
    conf=$(pick '.*stored: \([0-9]*\) confirmed.*' "$f")
    wait=$(pick '.* \([0-9]*\) waitlisted.*' "$f")
    errs=$(pick '.*errors: \([0-9]*\).*' "$f")
    row "$label" "$target" "p99 ${p99:-n/a} ms, confirmed=${conf:-?} waitlisted=${wait:-?}, ${errs:-?} errors" \
        "${rate:-n/a} registrations/s" \
        "$(holds 'p < 250 && c == s && w == n - s && e == 0' -v p="${p99:-n/a}" -v c="${conf:-n/a}" \
            -v w="${wait:-n/a}" -v s="$seats" -v n="$n" -v e="${errs:-n/a}")"
}
sse_row() {
    local clients=$1 f="$TMP/sse-$1.txt" open p99 kb missing page
    local label="$(thousands "$clients") live-room streams"
    if [ ! -s "$f" ] || ! grep -q 'every client had it' "$f"; then
        row "$label" "p99 < 100 ms, ≤ 16 KB per stream" "not run" "" "–"
        return 0
    fi
    open=$(pick '.* \([0-9]*\) streams open.*' "$f")
    kb=$(pick '.*: \([0-9.]*\) KB per client.*' "$f")
    p99=$(pick '.*every client had it: .*p99 \([0-9.]*\) ms.*' "$f")
    missing=$(pick '.*, \([0-9]*\) deliveries missing.*' "$f")
    page=$(pick '.*meanwhile: .*p99 \([0-9.]*\) ms.*' "$f")
    row "$label" "p99 < 100 ms, ≤ 16 KB per stream" \
        "p99 ${p99:-n/a} ms, ${kb:-n/a} KB per stream, ${missing:-?} missing" \
        "${open:-?}/$clients open, event page p99 ${page:-n/a} ms" \
        "$(holds 'p < 100 && k <= 16 && o == c && m == 0' -v p="${p99:-n/a}" -v k="${kb:-n/a}" \
            -v o="${open:-n/a}" -v c="$clients" -v m="${missing:-n/a}")"
}
summary() {
    SUMMARY_DONE=1
    SUMMARY_ROWS=""
    page_rows home "home page" cache
    page_rows event "event page (fr, São Paulo)" cache
    page_rows home "home page" render
    page_rows event "event page" render
    burst_row
    local c
    for c in ${BENCH_SSE_CLIENTS-1000 10000}; do sse_row "$c"; done
    echo
    echo "summary (issue 12 targets; ✓ holds, ✗ does not, – not measured; on $(nproc) cores):"
    # Column widths in characters (bash counts them in a UTF-8 locale; awk may count bytes).
    local LC_ALL=C.UTF-8 line cells w=(0 0 0 0 0) i
    local header="figure|target|measured|same-run anchor|holds"
    while IFS='|' read -r -a cells; do
        for i in 0 1 2 3; do [ "${#cells[i]}" -le "${w[i]}" ] || w[i]=${#cells[i]}; done
    done <<<"$header"$'\n'"${SUMMARY_ROWS%$'\n'}"
    while IFS='|' read -r -a cells; do
        line=""
        for i in 0 1 2 3; do line+="${cells[i]}$(printf '%*s' $((w[i] - ${#cells[i]} + 2)) '')"; done
        echo "$line${cells[4]}"
    done <<<"$header"$'\n'"${SUMMARY_ROWS%$'\n'}"
}

# Ends a process we started: SIGTERM, then SIGKILL if it is still there after 5 s.
stop_pid() {
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    trap - EXIT INT TERM
    stop_pid "$WRK_PID"
    stop_pid "$BG_PID"
    stop_pid "$DXHUB_PID"
    stop_pid "$DXHUB2_PID"
    stop_pid "$NGINX_PID"
    stop_pid "$SSE_PID"
    [ -n "$SUMMARY_DONE" ] || summary || true
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT TERM

# A port nothing listens on, from a range outside the usual services and ephemeral ports.
free_port() {
    local p i
    for i in $(seq 50); do
        p=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    die "no free port found"
}

# Waits (at most 15 s) until url answers 200; fails if pid dies first.
wait_ready() {
    local url=$1 pid=$2 name=$3 log=$4 i
    for i in $(seq 150); do
        if curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "bench: $name exited; its log:" >&2
            tail -n 20 "$log" >&2 || true
            exit 1
        fi
        sleep 0.1
    done
    echo "bench: $name did not answer $url within 15 s; its log:" >&2
    tail -n 20 "$log" >&2 || true
    exit 1
}

# --- dxhub, with the demo content ----------------------------------------------------------
DX_PORT=$(free_port)
"$BIN" init --demo --data "$TMP/data" >"$TMP/dxhub.log" 2>&1 || { cat "$TMP/dxhub.log" >&2; die "dxhub init failed"; }
"$PYTHON" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(open(sys.argv[2], encoding="utf-8").read())
db.commit()' "$TMP/data/dxhub.db" bench/event.sql || die "could not add the benchmark event (bench/event.sql)"
# Every benchmark client comes from 127.0.0.1: no per-address cap.
"$BIN" serve --data "$TMP/data" --listen "127.0.0.1:$DX_PORT" --max-connections-per-ip 0 >>"$TMP/dxhub.log" 2>&1 &
DXHUB_PID=$!
wait_ready "http://127.0.0.1:$DX_PORT/healthz" "$DXHUB_PID" dxhub "$TMP/dxhub.log"
# The same hub with its page cache off: every request renders from the database.
DX2_PORT=$(free_port)
while [ "$DX2_PORT" = "$DX_PORT" ]; do DX2_PORT=$(free_port); done
"$BIN" serve --data "$TMP/data" --listen "127.0.0.1:$DX2_PORT" --page-cache 0 --max-connections-per-ip 0 >>"$TMP/dxhub2.log" 2>&1 &
DXHUB2_PID=$!
wait_ready "http://127.0.0.1:$DX2_PORT/healthz" "$DXHUB2_PID" dxhub "$TMP/dxhub2.log"

# --- nginx, serving the same page bytes as static files ------------------------------------
# Each page: name, path on dxhub, the Cookie header its visitor sends ("" for none).
page_path() { case $1 in home) echo / ;; event) echo /events/bench-event ;; *) die "unknown page $1" ;; esac; }
page_cookie() { case $1 in event) echo "$EVENT_COOKIE" ;; *) echo "" ;; esac; }
mkdir -p "$TMP/www" "$TMP/nginx/logs"
for page in $PAGES; do
    curl -fsS --max-time 10 -H "Cookie: $(page_cookie "$page")" -o "$TMP/www/$page.html" \
        "http://127.0.0.1:$DX_PORT$(page_path "$page")" || die "could not fetch $(page_path "$page") from dxhub"
done
NG_PORT=$(free_port)
while [ "$NG_PORT" = "$DX_PORT" ] || [ "$NG_PORT" = "$DX2_PORT" ]; do NG_PORT=$(free_port); done
# As root, nginx would hand its workers to 'nobody', who cannot read our private temp folder.
USER_LINE=""
[ "$(id -u)" -ne 0 ] || USER_LINE="user $(id -un) $(id -gn);"
cat >"$TMP/nginx/nginx.conf" <<EOF
$USER_LINE
worker_processes auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $TMP/nginx/client_body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    types { text/html html; }
    default_type text/html;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NG_PORT;
        root $TMP/www;
        location = / { try_files /home.html =404; }
        location = /event { try_files /event.html =404; }
        location = /ready { return 204; }
    }
}
EOF
"$NGINX" -e "$TMP/nginx/logs/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' \
    >"$TMP/nginx/logs/stdout.log" 2>&1 &
NGINX_PID=$!
wait_ready "http://127.0.0.1:$NG_PORT/ready" "$NGINX_PID" nginx "$TMP/nginx/logs/error.log"
# nginx's path of each page.
nginx_path() { case $1 in home) echo / ;; *) echo "/$1" ;; esac; }
for page in $PAGES; do
    curl -fsS --max-time 10 "http://127.0.0.1:$NG_PORT$(nginx_path "$page")" | cmp -s - "$TMP/www/$page.html" ||
        die "nginx does not serve the same bytes as dxhub for the $page page"
done

# --- load ----------------------------------------------------------------------------------
# Runs wrk in the background and waits for it: a trapped signal interrupts `wait` at once,
# whereas a foreground wrk (which catches Ctrl-C itself to print its numbers) would keep the
# trap from running. timeout bounds it in case a server stalls.
WRK_PID=""
wrk_bounded() {
    local limit=$1 out=$2
    shift 2
    timeout --kill-after=5 "$limit" "$WRK" "$@" >"$out" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || return $?
    WRK_PID=""
}
# Runs a command in the background for at most limit seconds, its output to file, and waits for
# it (a trapped signal interrupts `wait` at once and cleanup stops it). Returns its status.
bounded() {
    local limit=$1 out=$2 rc=0
    shift 2
    timeout --kill-after=5 "$limit" "$@" >"$out" 2>&1 &
    BG_PID=$!
    wait "$BG_PID" || rc=$?
    BG_PID=""
    return "$rc"
}
# Loads url for DURATION with the Cookie header cookie ("" for none); wrk's output goes to file.
run_wrk() {
    local url=$1 out=$2 cookie=$3 secs
    case $DURATION in
        *m) secs=$((${DURATION%m} * 60)) ;;
        *s) secs=${DURATION%s} ;;
        *) secs=$DURATION ;;
    esac
    wrk_bounded "$((secs + 30))" "$out" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
        ${cookie:+-H "Cookie: $cookie"} "$url" || echo "bench: wrk against $url did not finish cleanly" >&2
}
warm() {
    case $WARMUP in 0 | 0s | "") return 0 ;; esac
    wrk_bounded 30 /dev/null -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" ${2:+-H "Cookie: $2"} "$1" || true
}

echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, on $(nproc) cores"
for page in $PAGES; do
    cookie=$(page_cookie "$page")
    echo "bench: $page page, $(page_path "$page"), $(wc -c <"$TMP/www/$page.html") bytes${cookie:+, Cookie: $cookie}"
    for target in "dxhub http://127.0.0.1:$DX_PORT$(page_path "$page")" \
        "dxhub-nocache http://127.0.0.1:$DX2_PORT$(page_path "$page")" \
        "nginx http://127.0.0.1:$NG_PORT$(nginx_path "$page")"; do
        set -- $target
        echo "bench:   $1 ($2)..."
        warm "$2" "$cookie"
        run_wrk "$2" "$TMP/wrk-$page-$1.txt" "$cookie"
    done
done

for page in $PAGES; do
    echo
    echo "$page page ($(page_path "$page"))"
    printf '%-14s %12s %12s %12s %10s   %s\n' server 'req/s' p50 p99 'of nginx' 'errors (non-2xx; socket)'
    IFS='|' read -r NG_RPS _ < <(parse "$TMP/wrk-$page-nginx.txt")
    for server in dxhub dxhub-nocache nginx; do
        IFS='|' read -r RPS P50 P99 NON2XX SOCK < <(parse "$TMP/wrk-$page-$server.txt")
        printf '%-14s %12s %12s %12s %10s   %s\n' "$server" "$RPS" "$(fmt_ms "$P50")" "$(fmt_ms "$P99")" \
            "$(share "$RPS" "$NG_RPS")" "$NON2XX; $SOCK"
        if [ "$RPS" = n/a ]; then
            echo "bench: could not read wrk's numbers for $server; its output:"
            cat "$TMP/wrk-$page-$server.txt"
        fi
    done
done
echo
echo "(dxhub-nocache: --page-cache 0, every request queries SQLite and renders the templates)"

# --- registration burst: BENCH_REGISTRATIONS (2000) members register at once for 300 seats ----------
echo
if command -v node >/dev/null; then
    bounded 900 "$TMP/burst.txt" node bench/registration_burst.mjs "http://127.0.0.1:$DX_PORT" "$TMP/data" "$BIN" ||
        echo "bench: the registration burst did not run to the end" >&2
    cat "$TMP/burst.txt"
else
    echo "bench: node is missing (scripts/deps.sh installs it): no registration burst" >&2
fi

# --- live rooms: Server-Sent Events fan-out -----------------------------------------------------
# The other servers stop first: the two cores go to this hub and the load client. Each run gets a
# fresh hub (so its memory figure starts clean) allowing the streams plus a margin of connections.
SSE_LOAD=build/bench/sse_load
echo
if [ -x "$SSE_LOAD" ]; then
    stop_pid "$DXHUB_PID"
    DXHUB_PID=""
    stop_pid "$DXHUB2_PID"
    DXHUB2_PID=""
    ROOM=$("$PYTHON" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
room = db.execute("SELECT s.id FROM sessions s JOIN events e ON e.id = s.event_id WHERE e.slug = ? "
                  "ORDER BY s.position LIMIT 1", ("bench-event",)).fetchone()[0]
db.execute("INSERT OR REPLACE INTO rooms (session_id, premoderation) VALUES (?, 0)", (room,))
db.commit()
print(room)' "$TMP/data/dxhub.db") || die "could not open a post-moderated room on the benchmark event"
    read -r SSE_COOKIE SSE_CSRF < <("$BIN" user bulk --count 1 --prefix sse-bench --data "$TMP/data" 2>/dev/null)
    [ -n "$SSE_CSRF" ] || die "dxhub user bulk gave no member for the SSE benchmark"
    for clients in ${BENCH_SSE_CLIENTS-1000 10000}; do
        SSE_PORT=$(free_port)
        "$BIN" serve --data "$TMP/data" --listen "127.0.0.1:$SSE_PORT" --max-connections $((clients + 1000)) \
            --max-connections-per-ip 0 >"$TMP/dxhub-sse.log" 2>&1 &
        SSE_PID=$!
        wait_ready "http://127.0.0.1:$SSE_PORT/healthz" "$SSE_PID" dxhub "$TMP/dxhub-sse.log"
        echo "bench: $clients streams on room $ROOM..."
        bounded 600 "$TMP/sse-$clients.txt" "$SSE_LOAD" --port "$SSE_PORT" --room "$ROOM" --cookie "$SSE_COOKIE" \
            --csrf "$SSE_CSRF" --clients "$clients" --events "${BENCH_SSE_EVENTS:-50}" \
            --rate "${BENCH_SSE_RATE:-5}" --page /events/bench-event --pid "$SSE_PID" ||
            echo "bench: the SSE load client did not finish cleanly" >&2
        cat "$TMP/sse-$clients.txt"
        stop_pid "$SSE_PID"
        SSE_PID=""
    done
else
    echo "bench: $SSE_LOAD is missing (make bench builds it): no SSE fan-out" >&2
fi
stop_pid "$NGINX_PID"
NGINX_PID=""
summary || true
exit 0

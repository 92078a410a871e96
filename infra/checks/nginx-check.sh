#!/bin/bash
# Checks infra/nginx twice: `nginx -t` on the shipped files (only certificate and include paths rewritten to a
# temp dir holding a freshly generated self-signed certificate), then a live nginx on loopback ports in front of
# an echo upstream, asserting redirects, TLS versions, forwarded headers, the 64 KiB limit and error bodies.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"

tmp="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

host=api.scheduleright.example
mkdir -p "$tmp/tls" "$tmp/acme" "$tmp/logs" "$tmp/temp"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$host" -addext "subjectAltName=DNS:$host" \
  -keyout "$tmp/tls/privkey.pem" -out "$tmp/tls/fullchain.pem" >/dev/null 2>&1 || { echo "FAIL: openssl req" >&2; exit 1; }

render() { # dir http_port https_port upstream_port
  local dir="$1"
  mkdir -p "$dir"
  for f in "$SR_ROOT"/infra/nginx/*.conf; do
    sed -e "s#/etc/nginx/scheduleright/#$dir/#g" \
        -e "s#/etc/letsencrypt/live/$host/#$tmp/tls/#g" \
        -e "s#/var/www/letsencrypt#$tmp/acme#g" \
        ${2:+-e "s#listen 80\\b#listen 127.0.0.1:$2#g"} \
        ${3:+-e "s#listen 443\\b#listen 127.0.0.1:$3#g"} \
        ${4:+-e "s#server 127.0.0.1:3001 #server 127.0.0.1:$4 #g"} \
        "$f" >"$dir/$(basename "$f")"
  done
  cat >"$dir/nginx.conf" <<CONF
user root;
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $tmp/logs/error.log warn;
events { worker_connections 64; }
http {
  access_log $tmp/logs/access.log;
  client_body_temp_path $tmp/temp/body;
  proxy_temp_path $tmp/temp/proxy;
  fastcgi_temp_path $tmp/temp/fastcgi;
  uwsgi_temp_path $tmp/temp/uwsgi;
  scgi_temp_path $tmp/temp/scgi;
  include $dir/scheduleright.conf;
  ${5:-}
}
CONF
}

# --- 1. nginx -t on the shipped configuration (ports untouched: -t does not bind)
render "$tmp/syntax"
if ! out="$(nginx -t -p "$tmp/syntax" -c "$tmp/syntax/nginx.conf" 2>&1)"; then
  echo "FAIL: nginx -t: $out" >&2; exit 1
fi

# --- 2. live run on loopback
http_port="$(free_port)"; https_port="$(free_port)"; up_port="$(free_port)"; ctl_port="$(free_port)"
# A deliberately weak server (TLS 1.1 allowed) proves the client here CAN speak TLS 1.1, so that the refusal
# asserted below is the shipped configuration's doing and not the client's.
control="server { listen 127.0.0.1:$ctl_port ssl; server_name $host; ssl_certificate $tmp/tls/fullchain.pem; ssl_certificate_key $tmp/tls/privkey.pem; ssl_protocols TLSv1.1 TLSv1.2; ssl_ciphers DEFAULT:@SECLEVEL=0; return 204; }"
render "$tmp/live" "$http_port" "$https_port" "$up_port" "$control"
python3 "$SR_CHECKS/lib/echo_upstream.py" "$up_port" & pids+=($!)
up_pid=$!
nginx -p "$tmp/live" -c "$tmp/live/nginx.conf" & pids+=($!)
wait_for_port "$up_port" 10 || { echo "FAIL: echo upstream did not start" >&2; exit 1; }
wait_for_port "$https_port" 10 || { echo "FAIL: nginx did not start: $(cat "$tmp/logs/error.log")" >&2; exit 1; }

resolve=(--resolve "$host:$http_port:127.0.0.1" --resolve "$host:$https_port:127.0.0.1" --resolve "$host:$ctl_port:127.0.0.1")
c() { curl -sS --max-time 5 --cacert "$tmp/tls/fullchain.pem" "${resolve[@]}" "$@"; }
jq_get() { python3 -c 'import json,sys; d=json.load(sys.stdin); 
for k in sys.argv[1].split("."): d=d.get(k) if isinstance(d,dict) else None
print(d if d is not None else "")' "$1"; }
expect() { # description expected actual
  if [[ "$2" == "$3" ]]; then :; else fail "$1: expected '$2', got '$3'"; fi
}

# HTTP -> HTTPS redirect keeps path and query
r="$(c -o /dev/null -w '%{http_code} %{redirect_url}' "http://$host:$http_port/api/v1/bookings/me?page=2")"
expect "http redirect" "301 https://$host/api/v1/bookings/me?page=2" "$r"
# operational endpoints are not redirected (contract), /metrics is not published
expect "http /health proxied" "200" "$(c -o /dev/null -w '%{http_code}' "http://$host:$http_port/health")"
expect "http /health forwarded proto" "http" "$(c "http://$host:$http_port/health" | jq_get headers.x-forwarded-proto)"
expect "http /metrics hidden" "404" "$(c -o /dev/null -w '%{http_code}' "http://$host:$http_port/metrics")"
expect "https /metrics hidden" "404" "$(c -o /dev/null -w '%{http_code}' "https://$host:$https_port/metrics")"

# forwarded headers: a spoofed X-Forwarded-For from the client is replaced by the peer address
echo_json="$(c -H 'X-Forwarded-For: 203.0.113.66' "https://$host:$https_port/api/v1/users/me")"
expect "X-Forwarded-For" "127.0.0.1" "$(jq_get headers.x-forwarded-for <<<"$echo_json")"
expect "X-Real-IP" "127.0.0.1" "$(jq_get headers.x-real-ip <<<"$echo_json")"
expect "X-Forwarded-Proto" "https" "$(jq_get headers.x-forwarded-proto <<<"$echo_json")"
expect "X-Forwarded-Host" "$host" "$(jq_get headers.x-forwarded-host <<<"$echo_json")"
expect "X-Forwarded-Port" "$https_port" "$(jq_get headers.x-forwarded-port <<<"$echo_json")"
[[ -n "$(jq_get headers.x-request-id <<<"$echo_json")" ]] || fail "X-Request-Id not forwarded"

# TLS versions and HTTP/2
expect "TLS 1.2 accepted" "200" "$(c --tlsv1.2 --tls-max 1.2 -o /dev/null -w '%{http_code}' "https://$host:$https_port/health")"
expect "TLS 1.3 accepted" "200" "$(c --tlsv1.3 -o /dev/null -w '%{http_code}' "https://$host:$https_port/health")"
expect "HTTP/2 via ALPN" "2" "$(c --http2 -o /dev/null -w '%{http_version}' "https://$host:$https_port/health")"
tls11() { echo | timeout 5 openssl s_client -connect "127.0.0.1:$1" -servername "$host" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' 2>&1; }
if ! tls11 "$ctl_port" | grep -q 'Protocol *: TLSv1.1'; then
  fail "control: this openssl client cannot negotiate TLS 1.1, so the refusal test would prove nothing"
elif tls11 "$https_port" | grep -q 'Protocol *: TLSv1.1'; then
  fail "TLS 1.1 was accepted by the shipped configuration"
fi

# unknown host names get nothing: TLS handshake rejected, plain HTTP closed without answer (444)
if c -o /dev/null --resolve "other.example:$https_port:127.0.0.1" "https://other.example:$https_port/" 2>/dev/null; then
  fail "TLS handshake for an unknown SNI name was not rejected"
fi
c -o /dev/null -H 'Host: other.example' "http://127.0.0.1:$http_port/" 2>/dev/null
expect "plain HTTP unknown host closed (curl exit 52)" "52" "$?"

# 64 KiB body limit, with the contract's JSON error
head -c 65536 /dev/zero >"$tmp/64k"; head -c 65537 /dev/zero >"$tmp/64k+1"
expect "64 KiB body accepted" "65536" "$(c -H 'Content-Type: application/octet-stream' --data-binary @"$tmp/64k" "https://$host:$https_port/api/v1/x" | jq_get bodyLength)"
resp="$(c -D "$tmp/h413" -H 'Content-Type: application/octet-stream' --data-binary @"$tmp/64k+1" -w '\n%{http_code}' "https://$host:$https_port/api/v1/x")"
expect "64 KiB + 1 refused" "413" "$(tail -n1 <<<"$resp")"
expect "413 body code" "PAYLOAD_TOO_LARGE" "$(head -n1 <<<"$resp" | jq_get code)"
grep -qi '^content-type: application/json' "$tmp/h413" || fail "413 is not application/json"
grep -qi '^x-content-type-options: nosniff' "$tmp/h413" || fail "413 lacks X-Content-Type-Options"
grep -qi '^server: nginx/' "$tmp/h413" && fail "server_tokens: nginx version disclosed"

# gateway down -> 503 with the contract's JSON error
kill "$up_pid"; wait "$up_pid" 2>/dev/null
resp="$(c -w '\n%{http_code}' "https://$host:$https_port/api/v1/users/me")"
expect "gateway down status" "503" "$(tail -n1 <<<"$resp")"
expect "gateway down code" "SERVICE_UNAVAILABLE" "$(head -n1 <<<"$resp" | jq_get code)"

if (( SR_FAILED )); then exit 1; fi
echo "nginx -t ok; live: redirect, ops endpoints, TLS1.2/1.3 only (TLS1.1 refused, control accepted), h2, forwarded headers, 64KiB limit, JSON 413/503, unknown hosts refused"

#!/usr/bin/env bash
# Walks through ScheduleRight against the platform started by scripts/run-local.sh: logs in, sets up an
# organisation with a staff member, a site and a slot a little ahead, books it as a member of the public, confirms
# it, shows the reminders and the SMS arriving at the local Twilio stand-in, then reschedules and cancels and shows the
# reminders following; finally a second member of the public books, gets one "reply C to confirm" text and confirms the
# booking by replying C (a webhook signed the way Twilio signs it). Needs curl, jq and openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
API=${API:-http://localhost:3001}
command -v jq >/dev/null || { echo "the demo needs jq (apt-get install jq)"; exit 1; }
command -v openssl >/dev/null || { echo "the demo needs openssl to sign the SMS reply (apt-get install openssl)"; exit 1; }
if [ -z "${ADMIN_PASSWORD:-}" ] && [ -f run/admin.env ]; then
  # shellcheck disable=SC1091
  . run/admin.env
  credentials="the admin credentials saved in run/admin.env"
else
  credentials="ADMIN_EMAIL/ADMIN_PASSWORD"
fi
: "${ADMIN_EMAIL:?set ADMIN_EMAIL/ADMIN_PASSWORD or start the platform with scripts/run-local.sh}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
call() { # method path [json] — prints the body, fails on HTTP >= 400
  local method=$1 path=$2 body=${3:-}
  local args=(-sS -X "$method" "$API$path" -H 'Content-Type: application/json' -w '\n%{http_code}')
  [ -n "${TOKEN:-}" ] && args+=(-H "Authorization: Bearer $TOKEN")
  [ -n "$body" ] && args+=(-d "$body")
  local out code
  out=$(curl "${args[@]}")
  code=${out##*$'\n'}; out=${out%$'\n'*}
  if [ "$code" -ge 400 ]; then echo "$method $path -> $code: $out" >&2; exit 1; fi
  printf '%s' "$out"
}
login() { TOKEN=$(call POST /api/v1/auth/login "$(jq -n --arg e "$1" --arg p "$2" '{email:$e,password:$p}')" | jq -r .accessToken); }
iso() { date -u -d "$1" +%Y-%m-%dT%H:%M:00Z; }

# The admin's login, with a sentence for each way it can fail before anything else is tried.
admin_login() {
  local out code
  out=$(curl -sS -X POST "$API/api/v1/auth/login" -H 'Content-Type: application/json' -w '\n%{http_code}' \
    -d "$(jq -n --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{email:$e,password:$p}')" 2>/dev/null) || {
    echo "The platform does not answer at $API: start it with scripts/run-local.sh (in another terminal) first." >&2
    exit 1
  }
  code=${out##*$'\n'}; out=${out%$'\n'*}
  case $code in
    200) TOKEN=$(jq -r .accessToken <<<"$out") ;;
    401)
      echo "The platform refused $credentials ($ADMIN_EMAIL): they do not match its identity database." >&2
      echo "That happens when run/admin.env was created while the database already had users (for example after" >&2
      echo "deleting run/ but not the databases), or when the platform was started with other ADMIN_* values." >&2
      echo "To start afresh: stop scripts/run-local.sh, run scripts/reset-local.sh (drops the local databases and" >&2
      echo "run/*.env), start scripts/run-local.sh again (it prints the new admin's password) and rerun this demo." >&2
      exit 1 ;;
    429)
      echo "The admin's login is refused for now ($(jq -r '.code // "rate limited"' <<<"$out" 2>/dev/null)): too many" >&2
      echo "attempts; wait for the time in the Retry-After header or restart with scripts/reset-local.sh." >&2
      exit 1 ;;
    *) echo "POST /api/v1/auth/login -> $code: $out" >&2; exit 1 ;;
  esac
}

run=$(date +%s)
step "log in as the admin"
TOKEN=; admin_login; echo "token received"

step "create an organisation and a staff member"
ORG=$(call POST /api/v1/orgs "$(jq -n --arg n "Demo Care Centre $run" '{name:$n,timezone:"Europe/London"}')" | jq -r .id)
STAFF_EMAIL="staff.$run@demo.scheduleright.local"; STAFF_PASSWORD="demo-staff-$run-pass"
call POST /api/v1/users "$(jq -n --arg e "$STAFF_EMAIL" --arg p "$STAFF_PASSWORD" --arg o "$ORG" \
  '{email:$e,name:"Demo Staff",password:$p,roles:["STAFF"],orgId:$o}')" | jq '{id,email,roles,orgId}'
login "$STAFF_EMAIL" "$STAFF_PASSWORD"

step "create a site and remind one hour ahead; clients may answer by SMS"
SITE=$(call POST "/api/v1/orgs/$ORG/sites" '{"name":"Riverside clinic","timezone":"Europe/London"}' | jq -r .id)
call PUT /api/v1/reminders/settings '{"enabled":true,"leadTimesHours":[1],"template":"Hi {{name}}, see you at {{site}} on {{date}} at {{time}}. {{replyHint}}","sendCancellationNotice":true,"repliesEnabled":true}' | jq .

step "open two slots, 45 and 90 minutes from now"
SLOT=$(call POST "/api/v1/sites/$SITE/availability" "$(jq -n --arg s "$(iso '+45 min')" --arg e "$(iso '+75 min')" '{startTime:$s,endTime:$e,capacity:2}')" | jq -r '.data[0].id // .id')
LATER=$(call POST "/api/v1/sites/$SITE/availability" "$(jq -n --arg s "$(iso '+90 min')" --arg e "$(iso '+120 min')" '{startTime:$s,endTime:$e,capacity:2}')" | jq -r '.data[0].id // .id')
echo "slots $SLOT and $LATER"

step "book as a member of the public (no token)"
PHONE="+4477009$(printf '%05d' $((run % 100000)))"   # a fresh number per run: SMS quotas are per recipient
BOOKING=$(TOKEN='' call POST /api/public/bookings "$(jq -n --arg s "$SITE" --arg l "$SLOT" --arg p "$PHONE" \
  '{siteId:$s,slotId:$l,clientName:"Alex Demo",clientEmail:"alex.demo@example.org",clientPhone:$p}')" | jq -r .id)
echo "booking $BOOKING"

step "confirm it as staff"
call PUT "/api/v1/bookings/$BOOKING/confirm" '{}' | jq '{id,status,startTime,timezone}'

step "the reminders planned for it"
count() { jq '(if type == "array" then . else (.data // []) end) | length' <<<"$1"; }
for _ in $(seq 1 30); do   # the reminder-service learns of the booking from Kafka a moment later
  reminders=$(call GET "/api/v1/bookings/$BOOKING/reminders" 2>/dev/null) || reminders='[]'
  [ "$(count "$reminders")" -gt 0 ] && break; sleep 2
done
jq . <<<"$reminders"

TWILIO=${TWILIO:-http://127.0.0.1:3009}   # scripts/run-local.sh's stand-in for Twilio's API
texts_to() { # phone — the messages the local Twilio stand-in received for it
  curl -sS "$TWILIO/messages" 2>/dev/null | jq --arg p "$1" '[.[] | select(.to == $p)]' 2>/dev/null || echo '[]'
}
step "the reminder arriving at the local Twilio stand-in (nothing leaves the machine)"
for _ in $(seq 1 45); do
  texts=$(texts_to "$PHONE"); [ "$(jq length <<<"$texts")" -gt 0 ] && break; sleep 2
done
jq . <<<"$texts"

step "reschedule to the later slot: pending reminders follow the new time"
call PUT "/api/v1/bookings/$BOOKING/reschedule" "$(jq -n --arg l "$LATER" '{slotId:$l}')" | jq '{id,status,startTime}'
sleep 2; call GET "/api/v1/bookings/$BOOKING/reminders" | jq .

step "cancel: pending reminders are cancelled"
call PUT "/api/v1/bookings/$BOOKING/cancel" '{"reason":"demo finished"}' | jq '{id,status,cancelledAt}'
sleep 2; call GET "/api/v1/bookings/$BOOKING/reminders" | jq .

step "another member of the public books: one text asks them to reply C, no reminder before that"
PHONE2="+4477008$(printf '%05d' $((run % 100000)))"
BOOKING2=$(TOKEN='' call POST /api/public/bookings "$(jq -n --arg s "$SITE" --arg l "$SLOT" --arg p "$PHONE2" \
  '{siteId:$s,slotId:$l,clientName:"Sam Reply",clientPhone:$p}')" | jq -r .id)
for _ in $(seq 1 45); do
  texts=$(texts_to "$PHONE2"); [ "$(jq length <<<"$texts")" -gt 0 ] && break; sleep 2
done
jq . <<<"$texts"

step "the client replies \"c\": Twilio's signed webhook, answered with TwiML naming the local time"
if [ -z "${TWILIO_AUTH_TOKEN:-}" ] && [ -f run/twilio.env ]; then
  # shellcheck disable=SC1091
  . run/twilio.env
fi
: "${TWILIO_AUTH_TOKEN:?the reply step needs the auth token of scripts/run-local.sh (run/twilio.env) or TWILIO_AUTH_TOKEN}"
SID="SM$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
url="$API/webhooks/twilio/inbound"
# Twilio's signature: HMAC-SHA1 of the URL followed by each parameter's name and value, sorted by name
signature=$(printf '%s' "${url}Bodyc From${PHONE2}MessageSid${SID}To${TWILIO_PHONE_NUMBER:-+15005550006}" \
  | openssl dgst -sha1 -hmac "$TWILIO_AUTH_TOKEN" -binary | base64)
curl -sS -X POST "$url" -H "X-Twilio-Signature: $signature" --data-urlencode "Body=c " \
  --data-urlencode "From=$PHONE2" --data-urlencode "MessageSid=$SID" \
  --data-urlencode "To=${TWILIO_PHONE_NUMBER:-+15005550006}"; echo

step "booking-service confirmed it (event source sms); its reminder follows"
for _ in $(seq 1 30); do
  status=$(call GET "/api/v1/bookings/$BOOKING2" | jq -r .status); [ "$status" = confirmed ] && break; sleep 1
done
call GET "/api/v1/bookings/$BOOKING2" | jq '{id,status,confirmedAt,startTime,timezone}'
sleep 3; call GET "/api/v1/bookings/$BOOKING2/reminders" | jq .
echo; echo "demo complete"

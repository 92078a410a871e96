#!/usr/bin/env bash
# Walks through ScheduleRight against the platform started by scripts/run-local.sh: logs in, sets up an
# organisation with a staff member, a site and a slot a little ahead, books it as a member of the public, confirms
# it, shows the reminders and the SMS arriving in the local sink, then reschedules and cancels and shows the
# reminders following. Needs curl and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
API=${API:-http://localhost:3001}
command -v jq >/dev/null || { echo "the demo needs jq (apt-get install jq)"; exit 1; }
[ -f run/admin.env ] && . run/admin.env
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

run=$(date +%s)
step "log in as the admin"
TOKEN=; login "$ADMIN_EMAIL" "$ADMIN_PASSWORD"; echo "token received"

step "create an organisation and a staff member"
ORG=$(call POST /api/v1/orgs "$(jq -n --arg n "Demo Care Centre $run" '{name:$n,timezone:"Europe/London"}')" | jq -r .id)
STAFF_EMAIL="staff.$run@demo.scheduleright.local"; STAFF_PASSWORD="demo-staff-$run-pass"
call POST /api/v1/users "$(jq -n --arg e "$STAFF_EMAIL" --arg p "$STAFF_PASSWORD" --arg o "$ORG" \
  '{email:$e,name:"Demo Staff",password:$p,roles:["STAFF"],orgId:$o}')" | jq '{id,email,roles,orgId}'
login "$STAFF_EMAIL" "$STAFF_PASSWORD"

step "create a site and remind one hour ahead"
SITE=$(call POST "/api/v1/orgs/$ORG/sites" '{"name":"Riverside clinic","timezone":"Europe/London"}' | jq -r .id)
call PUT /api/v1/reminders/settings '{"enabled":true,"leadTimesHours":[1],"template":"Hi {{name}}, see you at {{site}} on {{date}} at {{time}}.","sendCancellationNotice":true}' | jq .

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
REMINDER=$(jq -r '(if type == "array" then . else .data end)[0].id' <<<"$reminders")

step "the reminder arriving in the local SMS sink (not sent: no Twilio credentials)"
for _ in $(seq 1 45); do
  sink=$(call GET /api/v1/reminders/sink 2>/dev/null) || sink='{}'
  grep -q "$REMINDER" <<<"$sink" && break; sleep 2
done
jq --arg r "$REMINDER" '{smsEnabled, note, messages: [.messages[]? | select(.reminderId == $r)]}' <<<"$sink"

step "reschedule to the later slot: pending reminders follow the new time"
call PUT "/api/v1/bookings/$BOOKING/reschedule" "$(jq -n --arg l "$LATER" '{slotId:$l}')" | jq '{id,status,startTime}'
sleep 2; call GET "/api/v1/bookings/$BOOKING/reminders" | jq .

step "cancel: pending reminders are cancelled"
call PUT "/api/v1/bookings/$BOOKING/cancel" '{"reason":"demo finished"}' | jq '{id,status,cancelledAt}'
sleep 2; call GET "/api/v1/bookings/$BOOKING/reminders" | jq .
echo; echo "demo complete"

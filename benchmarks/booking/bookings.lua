-- wrk script: each request books a seat on one of the benchmark's slots (round robin per thread) with a fresh
-- Idempotency-Key. Environment: BENCH_SITE, BENCH_SLOTS (comma-separated ids), BENCH_TOKEN, BENCH_RUN (a prefix).
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  slots = {}
  for id in string.gmatch(os.getenv("BENCH_SLOTS"), "[^,]+") do table.insert(slots, id) end
  path = "/api/v1/sites/" .. os.getenv("BENCH_SITE") .. "/bookings"
  token = "Bearer " .. os.getenv("BENCH_TOKEN")
  prefix = os.getenv("BENCH_RUN") .. "-" .. tid .. "-"
  n = 0
  created = 0
  other = 0
end

function request()
  n = n + 1
  local body = '{"slotId":"' .. slots[(n % #slots) + 1] .. '","clientName":"Bench Client",'
    .. '"clientEmail":"bench@example.org","clientPhone":"+447700900123"}'
  return wrk.format("POST", path, {
    ["Authorization"] = token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. n,
  }, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("RESULT %.0f %.1f %.1f %d %d %d\n",
    c / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    c, o, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

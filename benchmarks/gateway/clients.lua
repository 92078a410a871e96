-- Many clients behind a trusted proxy: every request carries one of 1,000 X-Forwarded-For addresses (the gateway
-- trusts the loopback peer), so each rate-limit check hits one of 1,000 returning buckets created by the warm-up run.
local clients = 1000
local n = 0
request = function()
  n = n + 1
  local client = (n * 7919 + math.random(0, clients - 1)) % clients
  wrk.headers["X-Forwarded-For"] = string.format("10.0.%d.%d", math.floor(client / 250), client % 250 + 1)
  return wrk.format(nil)
end

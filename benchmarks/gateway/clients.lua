-- Gives every request the address of one of 4096 returning clients (forwarded by the trusted loopback proxy): after
-- the warm-up run their buckets exist, and with at most 128 connections two requests rarely share a client, so each
-- rate-limit check is a returning, uncontended one, as with many real clients behind a load balancer.
request = function()
  local client = math.random(0, 4095)
  wrk.headers["X-Forwarded-For"] = string.format("10.0.%d.%d", math.floor(client / 256), client % 256 + 1)
  return wrk.format(nil)
end

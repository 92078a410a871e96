-- Gives every request the address of another client (forwarded by the trusted loopback proxy), so that each
-- rate-limit check is uncontended, as with many real clients behind a load balancer.
local counter = 0
request = function()
  counter = counter + 1
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format(nil)
end

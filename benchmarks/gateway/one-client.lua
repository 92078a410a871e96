-- Every request from one client address (forwarded by the trusted loopback proxy): one hot rate-limit key, as for an
-- office behind one NAT address. The address is fixed so that the warm-up run created the bucket.
wrk.headers["X-Forwarded-For"] = "10.1.0.1"

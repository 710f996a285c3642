-- GETs the path in PATHS (separated by |, one chosen at random per request) with TOKEN; prints p50/p95/p99.
local token = os.getenv("TOKEN")
local paths = {}
for p in string.gmatch(os.getenv("PATHS"), "[^|]+") do table.insert(paths, p) end
local label = os.getenv("LABEL") or "get"

request = function()
  return wrk.format("GET", paths[math.random(#paths)], {["Authorization"] = "Bearer " .. token})
end

done = function(summary, latency, requests)
  io.write(string.format("%s: %d requests, %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, non-2xx %d\n", label,
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status))
end

-- GETs with TOKEN and prints p50/p95/p99. Either one of the paths in PATHS (separated by |, one
-- chosen at random per request), or, with IDS_FILE, /api/v1/work-orders/{id} for the ids in that
-- file (one a line), each thread walking its own share in turn, so that every request reads an
-- order the instance has not met yet (as long as the file holds more ids than the run makes requests).
local token = os.getenv("TOKEN")
local label = os.getenv("LABEL") or "get"
local paths = {}
if os.getenv("IDS_FILE") then
  for id in io.lines(os.getenv("IDS_FILE")) do table.insert(paths, "/api/v1/work-orders/" .. id) end
else
  for p in string.gmatch(os.getenv("PATHS"), "[^|]+") do table.insert(paths, p) end
end
local walk = os.getenv("IDS_FILE") ~= nil
local threads = 0

setup = function(thread)
  threads = threads + 1
  thread:set("first", threads)
  thread:set("step", 0)
end

request = function()
  local path
  if walk then
    -- Thread 1 the even places, thread 2 the odd ones (two threads, an even count of ids).
    step = step + 1
    path = paths[((first - 1) + step * 2) % #paths + 1]
  else
    path = paths[math.random(#paths)]
  end
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end

done = function(summary, latency, requests)
  io.write(string.format("%s: %d requests, %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, non-2xx %d\n", label,
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status))
end

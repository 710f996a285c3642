-- A hotline call filed by a dispatcher: one work order per request, in a random district. With
-- IDEMPOTENCY=1 each request carries its own Idempotency-Key (none is a retry), as a careful client sends.
local districts = {"500101","500103","500105","500106","500107","500108","500112","500113","500116","500117","X-LJ","X-GX"}
local token = os.getenv("TOKEN")
local keyed = os.getenv("IDEMPOTENCY") == "1"
local n = 0
local prefix

request = function()
  if prefix == nil then
    math.randomseed(os.time() + math.floor(os.clock() * 1e6))
    prefix = string.format("wrk-%d-%d", os.time(), math.random(1, 2^30))
  end
  n = n + 1
  local body = '{"channel":"phone","category":"inquiry","title":"咨询人才政策 ' .. n .. '","content":"来电人咨询人才落户与安家补贴",' ..
               '"districtCode":"' .. districts[math.random(#districts)] .. '","contact":{"name":"来电人"}}'
  local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  if keyed then headers["Idempotency-Key"] = prefix .. "-" .. n end
  return wrk.format("POST", "/api/v1/work-orders", headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format((keyed and "create with keys" or "create") .. ": %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, non-2xx %d, errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

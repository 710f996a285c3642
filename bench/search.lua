-- Talent searches by a surname prefix and a district, as a talent office types them.
local surnames = {"王","李","张","刘","陈","杨","黄","赵","吴","周","徐","孙","马","朱","胡","郭","何","高","林","罗"}
local districts = {"500101","500103","500105","500106","500107","500108","500112","500113","500116","500117","X-LJ","X-GX"}
local token = os.getenv("TOKEN")

local function encode(s)
  return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  local q = surnames[math.random(#surnames)]
  local d = districts[math.random(#districts)]
  return wrk.format("GET", "/api/v1/talents?limit=20&q=" .. encode(q) .. "&districtCode=" .. d,
                    {["Authorization"] = "Bearer " .. token})
end

done = function(summary, latency, requests)
  io.write(string.format("search: %d requests, %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

-- wrk script of bench/kill-under-load.sh and bench/soak.sh: POSTs the real webhook body (BENCH_BODY) with a run_id
-- unique per request, like webhook.lua, and counts the answers per thread: `done()` prints the number of 2xx
-- (= outcomes the app acknowledged, hence committed) and of everything else.
-- BENCH_DELAY_MS (optional): pause per connection between requests, for a moderate steady load.
dofile("bench/lua/webhook.lua")   -- the requests: same body, same unique run ids (run from the project root)

local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
ok, other, s404, s5xx = 0, 0, 0, 0

if delay_ms > 0 then
  function delay() return delay_ms end
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else other = other + 1 end
  if status == 404 then s404 = s404 + 1 elseif status >= 500 then s5xx = s5xx + 1 end
end

function done(summary, latency, requests)
  local acked, others, n404, n5xx = 0, 0, 0, 0
  for _, t in ipairs(threads_list) do
    acked = acked + t:get("ok")
    others = others + t:get("other")
    n404 = n404 + t:get("s404")
    n5xx = n5xx + t:get("s5xx")
  end
  local e = summary.errors
  io.write(string.format("acknowledged_2xx %d\nnon_2xx %d (404: %d, 5xx: %d)\nsocket_errors connect=%d read=%d write=%d timeout=%d\n",
    acked, others, n404, n5xx, e.connect, e.read, e.write, e.timeout))
end

-- wrk script: POSTs a real webhook body captured from a LangGraph server (BENCH_BODY), with a run_id unique per
-- request so every request is a new outcome (no de-duplication short cut), to the URL given on the command line.
local body_template
local counter = 0
-- the wrk threads, in the main Lua state (bench/lua/webhook-count.lua sums their counts in done())
threads_list = {}

-- runs in the main Lua state once per wrk thread: gives each thread its own number (global `tid` in its state)
function setup(thread)
  table.insert(threads_list, thread)
  thread:set("tid", #threads_list)
end

function init(args)
  local f = assert(io.open(os.getenv("BENCH_BODY"), "r"))
  body_template = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  -- shaped like a UUID (decimal digits are hex digits): a server is asked about it as about any run id
  local run_id = string.format("%08d-%04d-4000-8000-%012d", tid, os.time() % 10000, counter)
  return wrk.format(nil, nil, nil, (body_template:gsub("01a21c17%-b55e%-73ee%-b120%-cfab3d1dedbb", run_id, 1)))
end

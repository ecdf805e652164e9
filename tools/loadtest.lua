-- wrk runs this in each of its threads for make loadtest (tools/loadtest.py), which passes two
-- arguments after the URL: a file of requests, one "path<TAB>htmx target" a line (the target empty for
-- a plain page request), and each thread's share of the request budget. Requests go round the list;
-- every status >= 400 is counted, and a thread stops once it has had its share of the budget.

-- globals, not locals: done() reads each thread's count with thread:get()
i, done_count, failed = 0, 0, 0
local paths, htmx, budget = {}, {}, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local path, target = line:match("^([^\t]*)\t(.*)$")
    table.insert(paths, path)
    table.insert(htmx, target)
  end
  budget = tonumber(args[2])
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  local headers = {["Accept-Encoding"] = "gzip"}  -- as every browser asks
  if htmx[i] ~= "" then
    headers["HX-Request"] = "true"
    headers["HX-Target"] = htmx[i]
  end
  return wrk.format("GET", paths[i], headers)
end

function response(status, headers, body)
  done_count = done_count + 1
  if status >= 400 then failed = failed + 1 end
  if done_count >= budget then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total_failed = 0
  for _, thread in ipairs(threads) do total_failed = total_failed + thread:get("failed") end
  io.write(string.format("Failed responses (4xx/5xx): %d\n", total_failed))
end

-- wrk -s bench/wrk/pipeline.lua: each connection sends WRK_PIPELINE (default 16) requests back
-- to back before reading the answers, so the numbers show what the server can do rather than
-- the round trip of one request at a time.
local depth = tonumber(os.getenv("WRK_PIPELINE") or "16")

init = function(args)
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format(nil)
  end
  req = table.concat(r)
end

request = function()
  return req
end

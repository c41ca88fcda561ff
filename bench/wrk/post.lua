-- wrk script: POST the same envelope bench_throughput sends (one manifest-push event), with the
-- same headers, over wrk's kept-alive connections. Each connection posts to its own /hook/ep<i>
-- path, like K endpoints.
--   build-rel/bench/bench_throughput --dump-envelope /tmp/envelope.json
--   ENVELOPE=/tmp/envelope.json wrk -t1 -c1 -d5s -s bench/wrk/post.lua http://127.0.0.1:18180/hook
local file = assert(io.open(os.getenv("ENVELOPE") or "/tmp/envelope.json", "rb"))
local body = file:read("*a")
file:close()

local counter = 0
function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
end

function init(args)
   wrk.method = "POST"
   wrk.body = body
   wrk.headers["Content-Type"] = "application/vnd.docker.distribution.events.v1+json"
   wrk.headers["Authorization"] = "Bearer peer-bench-token"
   wrk.headers["User-Agent"] = "hookscope/wrk"
   req = wrk.format(nil, wrk.path .. "/ep" .. id)
end

function request()
   return req
end

-- wrk script for bench/search-http.sh: GET /api/papers/search with the queries of a file (one URL-encoded query
-- per line), each connection starting at a random line. Environment: QUERIES (the file), MODE (keyword|hybrid|vector).
local queries = {}
local index = 0


function init(args)
  for line in io.lines(os.getenv("QUERIES")) do queries[#queries + 1] = line end
  index = math.random(#queries)
end

function request()
  index = index % #queries + 1
  return wrk.format("GET", "/api/papers/search?limit=20&mode=" .. os.getenv("MODE") .. "&q=" .. queries[index])
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

-- wrk script for bench/load.sh: a site's mixed traffic. Every connection is one visitor who waits a random
-- think time (THINK_MS, uniform 0..2x, 0 for none) between requests. Inputs come from `load prepare` in LOAD_DIR.
-- The mix, per request: 1% sign-ins through the form, 10% votes through POST /vote as the page's script sends
-- them, 3% searches, the rest anonymous reads (pages, the API and feeds).
local dir = os.getenv("LOAD_DIR")
local think = tonumber(os.getenv("THINK_MS") or "0")
local feed, papers, queries, sessions, signins = {}, {}, {}, {}, {}
local threads = {}
local counter = 1

local function lines(name, into, split)
  for line in io.lines(dir .. "/" .. name) do
    if line ~= "" then
      if split then
        local fields = {}
        for f in string.gmatch(line, "[^\t]+") do fields[#fields + 1] = f end
        into[#into + 1] = fields
      else
        into[#into + 1] = line
      end
    end
  end
end

local function pick(list) return list[math.random(#list)] end

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(id * 7919 + os.time())
  lines("feed.txt", feed)
  lines("papers.txt", papers)
  lines("queries.txt", queries)
  lines("sessions.tsv", sessions, true)
  lines("signins.tsv", signins, true)
  kinds = {}
end

local form = "application/x-www-form-urlencoded"

-- Readers mostly open what the feed shows; one paper page in five is any paper (a link from search or elsewhere).
local function paper() if math.random() < 0.8 then return pick(feed) else return pick(papers) end end

function request()
  local r = math.random()
  if r < 0.01 then
    local s = pick(signins)
    return wrk.format("POST", "/account/signin", { ["Cookie"] = s[1], ["Content-Type"] = form },
      "Form.Name=" .. s[3] .. "&Form.Password=bench+password&Form.Remember=true&__RequestVerificationToken=" .. s[2])
  elseif r < 0.11 then
    local s = pick(sessions)
    local up = "true"
    if math.random() < 0.5 then up = "false" end
    return wrk.format("POST", "/vote", { ["Cookie"] = s[1], ["Content-Type"] = form, ["Accept"] = "application/json" },
      "paper=" .. pick(feed) .. "&up=" .. up .. "&__RequestVerificationToken=" .. s[2])
  elseif r < 0.14 then
    return wrk.format("GET", "/search?q=" .. pick(queries))
  elseif r < 0.40 then
    return wrk.format("GET", "/papers")
  elseif r < 0.50 then
    return wrk.format("GET", "/papers/trending")
  elseif r < 0.80 then
    return wrk.format("GET", "/papers/" .. paper())
  elseif r < 0.88 then
    return wrk.format("GET", "/api/daily_papers")
  elseif r < 0.95 then
    return wrk.format("GET", "/api/papers/" .. paper())
  else
    return wrk.format("GET", "/feeds/daily.atom")
  end
end

function delay()
  if think <= 0 then return 0 end
  return math.random(0, 2 * think)
end

-- Counts answers by status class; a 4xx or 5xx is a failed request (wrk's own count says the same, but not which).
function response(status, headers, body)
  local k = tostring(math.floor(status / 100)) .. "xx"
  kinds[k] = (kinds[k] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, t in ipairs(threads) do
    local k = t:get("kinds")
    for name, n in pairs(k) do totals[name] = (totals[name] or 0) + n end
  end
  local statuses = ""
  for _, name in ipairs({ "2xx", "3xx", "4xx", "5xx" }) do statuses = statuses .. " " .. name .. "=" .. (totals[name] or 0) end
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.2f p95=%.2f p99=%.2f max=%.2f failed=%d socket=%d%s\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout, statuses))
end

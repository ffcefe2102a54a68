-- The full new-appeal form POST, with the antiforgery token and cookie.
-- Each connection's thread first GETs /appeals/new?cadre=ID, takes the __RequestVerificationToken hidden
-- input, the antiforgery cookie and a topic from the page, then POSTs the whole form again and again.
-- Usage: wrk -s submit.lua URL -- CADRE_ID [CODES_FOLDER]
-- With CODES_FOLDER, each thread writes the tracking code of every receipt it got to a file there.
-- Prints: SUBMIT <receipts (302 to /appeals/receipt/)> <other answers to the POST> <POSTs/s>
local threads = {}

local cadre, token, cookie, topic, codes
local counter = 0
local gets_sent, gets_seen = 0, 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
receipts, failures = 0, 0  -- globals: done() reads them through thread:get

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  cadre = args[1] or "1"
  -- Runs one after another must not make the same keys (a repeated key is answered as a repeat, storing nothing).
  math.randomseed(os.time() * 1000 + (id or 0))
  if args[2] then
    codes = io.open(args[2] .. "/thread-" .. tostring(id) .. ".txt", "a")
  end
end

-- 32 lower-case hex digits: the thread's id, a counter, and 16 random digits seeded per run.
local keys_made = 0
function submission_key()
  keys_made = keys_made + 1
  local prefix = string.format("%08x%08x", (id or 0) % 0x100000000, keys_made % 0x100000000)
  local rest = {}
  for i = 1, 16 do rest[i] = string.format("%x", math.random(0, 15)) end
  return prefix .. table.concat(rest)
end

function request()
  if token == nil then
    gets_sent = gets_sent + 1
    return wrk.format("GET", "/appeals/new?cadre=" .. cadre)
  end
  -- China time, ten minutes ago, as a datetime-local input posts it.
  local called = os.date("!%Y-%m-%dT%H:%M", os.time() + 8 * 3600 - 600)
  local body = table.concat({
    "Input.CadreId=" .. cadre,
    "Input.CalledAt=" .. encode(called),
    "Input.Outcome=NotAnswered",
    "Input.CallerType=Individual",
    "Input.EnterpriseName=",
    "Input.Name=" .. encode("王先生"),
    "Input.Phone=13912345678",
    "Input.TopicId=" .. topic,
    "Input.Description=" .. encode("基准测试：小区门口的路灯坏了一个多月，晚上出行很不安全，希望尽快维修。"),
    "Input.ConsentToContact=true",
    "Input.Website=",
    "__RequestVerificationToken=" .. encode(token),
    -- A fresh one-time key per submission, as each form a browser shows carries its own: the key is stored with
    -- the appeal, which is the path a citizen's submission takes.
    "__Submission=" .. submission_key(),
  }, "&")
  return wrk.format("POST", "/appeals/new", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

function response(status, headers, body)
  local form = status == 200 and body ~= nil and body:find("__RequestVerificationToken", 1, true) ~= nil
  if form and gets_seen < gets_sent then
    -- The answer to one of the first GETs: each connection starts with one before any token is known.
    gets_seen = gets_seen + 1
    if token == nil then
      local t = body:match('name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
        or body:match('name="__RequestVerificationToken"[^>]-value="([^"]+)"')
      local set = headers["Set-Cookie"] or ""
      local c = set:match("(hotline%.af=[^;]+)")
      local at = body:find('name="Input.TopicId"', 1, true)
      local tp = at and body:match('<option value="(%d+)"', at)
      if t and c and tp then
        token, cookie, topic = t, c, tp
      end
    end
    return
  end
  local location = headers["Location"] or ""
  if status == 302 and location:find("/appeals/receipt/", 1, true) then
    receipts = receipts + 1
    if codes then
      codes:write(location:match("/appeals/receipt/([^/?]+)") or location, "\n")
      codes:flush()
    end
  else
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + (thread:get("receipts") or 0)
    bad = bad + (thread:get("failures") or 0)
  end
  io.write(string.format("SUBMIT %d %d %.1f\n", ok, bad, ok / (summary.duration / 1e6)))
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout + bad))
end

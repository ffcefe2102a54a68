-- Prints one machine-readable line at the end of a wrk run; run.sh reads it.
-- RESULT <requests/s> <p50 ms> <p95 ms> <p99 ms> <requests> <errors>
function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors))
end

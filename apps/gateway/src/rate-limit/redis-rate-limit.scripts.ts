/*
 * The Redis side of SlidingWindowCounter (keep the two in step). One hash per subject:
 * field `r<bucket>` counts requests, `t<bucket>` tokens, bucket = floor(ms / bucketMs).
 * Time is Redis's own (TIME), so every gateway replica agrees on the window whatever its clock.
 * Each script runs atomically, so concurrent admits on any number of replicas never overshoot.
 */

/** How a caller passes "no limit" to the scripts. */
export const UNLIMITED = -1;

/**
 * KEYS[1] the subject's hash.
 * ARGV bucketMs, buckets per window, rpm, tpm (UNLIMITED = -1), estimated tokens.
 * Returns {1, bucket, requestsUsed, tokensUsed, requestsResetMs, tokensResetMs} when admitted,
 * {0, 1 (requests) | 2 (tokens), retryAfterMs} when refused.
 */
export const ADMIT_SCRIPT = `
local key = KEYS[1]
local bucketMs = tonumber(ARGV[1])
local span = tonumber(ARGV[2])
local rpm = tonumber(ARGV[3])
local tpm = tonumber(ARGV[4])
local estimate = tonumber(ARGV[5])

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local current = math.floor(now / bucketMs)
local oldest = current - span

local requests, tokens, stale = {}, {}, {}
local requestsUsed, tokensUsed = 0, 0
local fields = redis.call('HGETALL', key)
for i = 1, #fields, 2 do
  local field = fields[i]
  local bucket = tonumber(string.sub(field, 2))
  local count = tonumber(fields[i + 1])
  if bucket < oldest then
    stale[#stale + 1] = field
  elseif string.sub(field, 1, 1) == 'r' then
    requests[#requests + 1] = { bucket, count }
    requestsUsed = requestsUsed + count
  else
    tokens[#tokens + 1] = { bucket, count }
    tokensUsed = tokensUsed + count
  end
end
if #stale > 0 then redis.call('HDEL', key, unpack(stale)) end

local function leavesAt(bucket) return (bucket + span + 1) * bucketMs end

local function waitMs(entries, used, limit)
  table.sort(entries, function(a, b) return a[1] < b[1] end)
  local mustLeave = used - limit + 1
  local left = 0
  for _, entry in ipairs(entries) do
    left = left + entry[2]
    if left >= mustLeave then return leavesAt(entry[1]) - now end
  end
  return span * bucketMs
end

local function resetMs(entries)
  local newest = nil
  for _, entry in ipairs(entries) do
    if entry[2] > 0 and (newest == nil or entry[1] > newest) then newest = entry[1] end
  end
  if newest == nil then return 0 end
  return leavesAt(newest) - now
end

if rpm >= 0 and requestsUsed >= rpm then return { 0, 1, waitMs(requests, requestsUsed, rpm) } end
if tpm >= 0 and tokensUsed >= tpm then return { 0, 2, waitMs(tokens, tokensUsed, tpm) } end

if rpm >= 0 then
  redis.call('HINCRBY', key, 'r' .. current, 1)
  requests[#requests + 1] = { current, 1 }
  requestsUsed = requestsUsed + 1
end
if tpm >= 0 and estimate > 0 then
  redis.call('HINCRBY', key, 't' .. current, estimate)
  tokens[#tokens + 1] = { current, estimate }
  tokensUsed = tokensUsed + estimate
end
-- The newest bucket counts until (span + 1) buckets after its start: no key outlives its use.
redis.call('PEXPIRE', key, (span + 2) * bucketMs)
return { 1, current, requestsUsed, tokensUsed, resetMs(requests), resetMs(tokens) }
`;

/**
 * KEYS[1] the subject's hash.
 * ARGV bucketMs, buckets per window, the admission's bucket, token delta (actual - estimated).
 */
export const SETTLE_SCRIPT = `
local key = KEYS[1]
local bucketMs = tonumber(ARGV[1])
local span = tonumber(ARGV[2])
local bucket = tonumber(ARGV[3])
local delta = tonumber(ARGV[4])

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local current = math.floor(now / bucketMs)

if bucket >= current - span then
  if delta > 0 or redis.call('HEXISTS', key, 't' .. bucket) == 1 then
    redis.call('HINCRBY', key, 't' .. bucket, delta)
  end
elseif delta > 0 then
  redis.call('HINCRBY', key, 't' .. current, delta)
end
redis.call('PEXPIRE', key, (span + 2) * bucketMs)
return 1
`;

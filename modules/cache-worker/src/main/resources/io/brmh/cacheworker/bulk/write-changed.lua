-- Writes each of KEYS whose value differs from the one given, in one call for a whole scan page.
-- ARGV[1]: time to live in seconds, 0 for none; ARGV[i + 1]: the value of KEYS[i].
-- Returns per key: 0 unchanged (not written, its time to live untouched), 1 written, 2 failed
-- (for example out of memory: counted as a failed write, as the original did, and the load goes on).
local ttl = tonumber(ARGV[1])
local outcome = {}
for i, key in ipairs(KEYS) do
  local value = ARGV[i + 1]
  local cached = redis.pcall('GET', key)
  if cached == value then
    outcome[i] = 0
  else
    local reply
    if ttl > 0 then
      reply = redis.pcall('SET', key, value, 'EX', ttl)
    else
      reply = redis.pcall('SET', key, value)
    end
    if type(reply) == 'table' and reply.err then
      outcome[i] = 2
    else
      outcome[i] = 1
    end
  end
end
return outcome

-- Sets each of KEYS to its value in one call for a whole batch of changes: a key that exists keeps
-- its remaining time to live, a new key gets ARGV[1] seconds (0: none).
-- ARGV[i + 1] is the value of KEYS[i].
local ttl = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if ttl > 0 and redis.call('EXISTS', key) == 0 then
    redis.call('SET', key, ARGV[i + 1], 'EX', ttl)
  else
    redis.call('SET', key, ARGV[i + 1], 'KEEPTTL')
  end
end
return #KEYS

-- Ends a bulk load in one atomic step: each staging index replaces its live index (a staging index
-- that does not exist means the load found nothing for it: the live one goes), the checkpoint
-- becomes the checkpoint of a swapped load (a load resumed after a crash does not swap again), and
-- the loaded marker names this load. Nothing happens when the run marker no longer names this load
-- (Redis lost data since the load began: its staging indexes are partial; 0 is returned) or when the
-- fence holds another run's number (a successor took the load over; -1 is returned).
-- KEYS: staging 1, live 1, staging 2, live 2, ..., then the checkpoint, the run marker, the loaded marker, the fence.
-- ARGV[1]: the swapped checkpoint, ARGV[2]: the load's job id, ARGV[3]: this run's fence.
local n = #KEYS
local checkpoint, run, loaded, fence = KEYS[n - 3], KEYS[n - 2], KEYS[n - 1], KEYS[n]
if redis.call('GET', fence) ~= ARGV[3] then
  return -1
end
if redis.call('GET', run) ~= ARGV[2] then
  return 0
end
for i = 1, n - 4, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('RENAME', KEYS[i], KEYS[i + 1])
  else
    redis.call('DEL', KEYS[i + 1])
  end
end
redis.call('SET', checkpoint, ARGV[1])
redis.call('DEL', run)
redis.call('SET', loaded, ARGV[2])
return 1

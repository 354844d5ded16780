-- Saves a bulk load's checkpoint only for the run that holds the fence: a run a successor has
-- replaced finds another number there and learns it must stop.
-- KEYS[1]: the checkpoint, KEYS[2]: the fence. ARGV[1]: the checkpoint, ARGV[2]: this run's fence.
if redis.call('GET', KEYS[2]) ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1])
return 1

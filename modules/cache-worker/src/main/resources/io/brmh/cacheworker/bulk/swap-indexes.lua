-- Ends a bulk load in one atomic step: each staging index replaces its live index (a staging index
-- that does not exist means the load found nothing for it: the live one goes), and the load's
-- checkpoint becomes the checkpoint of a swapped load, so that a load resumed after a crash knows
-- the swap happened and does not run it again.
-- KEYS: staging 1, live 1, staging 2, live 2, ..., then the checkpoint. ARGV[1]: the swapped checkpoint.
local checkpoint = KEYS[#KEYS]
for i = 1, #KEYS - 1, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('RENAME', KEYS[i], KEYS[i + 1])
  else
    redis.call('DEL', KEYS[i + 1])
  end
end
redis.call('SET', checkpoint, ARGV[1])
return 1

package io.brmh.cacheworker.change;

import io.brmh.contracts.table.TableItemChanged;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBatch;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Leaves out stream changes applied before. The stream bridge delivers at least once: after a crash
 * it sends again what followed its last checkpoint, and applying those again would briefly show
 * older values. Sequence numbers grow within a shard (and its epoch, after the bridge started it
 * again at its newest record), so per table the highest one applied from each shard is kept (Redis
 * hash {@code {brmh}:stream-applied:<table>}, field {@code <stream ARN> <shard id> [<epoch>]}); a
 * change at or below it is a repeat. The marks move only after the changes were applied, so a crash
 * in between applies them once more (harmless) and no change is ever skipped unapplied. They expire
 * {@value #MARK_DAYS} days after their last move: a stream keeps records 24 hours.
 */
@Singleton
class StreamRepeats {
  static final int MARK_DAYS = 2;

  private final RedissonClient redis;

  StreamRepeats(RedissonClient redis) {
    this.redis = redis;
  }

  /**
   * Changes of one table not applied before, in order, and the marks applying them reaches.
   *
   * @param marks per stream shard, the highest sequence number among the changes kept
   */
  record Fresh(List<TableItemChanged> changes, Map<String, String> marks) {}

  Fresh fresh(String table, List<TableItemChanged> changes) {
    if (changes.stream().noneMatch(StreamRepeats::isSequenced)) {
      return new Fresh(changes, Map.of());
    }
    Map<String, BigInteger> applied = new HashMap<>();
    marks(table)
        .readAllMap()
        .forEach((shard, sequence) -> applied.put(shard, new BigInteger(sequence)));
    List<TableItemChanged> kept = new ArrayList<>(changes.size());
    Map<String, String> reached = new HashMap<>();
    for (TableItemChanged change : changes) {
      if (!isSequenced(change)) {
        kept.add(change);
        continue;
      }
      String shard = shard(change);
      BigInteger sequence = new BigInteger(change.source().sequenceNumber());
      BigInteger before = applied.get(shard);
      if (before == null || sequence.compareTo(before) > 0) {
        kept.add(change);
        applied.put(shard, sequence);
        reached.put(shard, change.source().sequenceNumber());
      }
    }
    return new Fresh(kept, reached);
  }

  /** Records that the changes of {@link #fresh} were applied. */
  void applied(String table, Fresh fresh) {
    if (fresh.marks().isEmpty()) {
      return;
    }
    RBatch batch = redis.createBatch();
    var marks = batch.<String, String>getMap(key(table), StringCodec.INSTANCE);
    marks.putAllAsync(fresh.marks());
    marks.expireAsync(Duration.ofDays(MARK_DAYS));
    batch.execute();
  }

  private RMap<String, String> marks(String table) {
    return redis.getMap(key(table), StringCodec.INSTANCE);
  }

  private static String key(String table) {
    return "{brmh}:stream-applied:" + table;
  }

  private static boolean isSequenced(TableItemChanged change) {
    TableItemChanged.Source source = change.source();
    return source.origin() == TableItemChanged.Origin.STREAM
        && source.sequenceNumber() != null
        && source.shardId() != null;
  }

  /**
   * The shard and its epoch: a shard started again after a gap may number its records from the
   * start.
   */
  private static String shard(TableItemChanged change) {
    String shard = change.source().streamArn() + " " + change.source().shardId();
    return change.source().shardEpoch() == null
        ? shard
        : shard + " " + change.source().shardEpoch();
  }
}

package io.brmh.cacheworker.bulk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Where a bulk load is, saved in Redis after every page, so that a worker that died resumes the
 * same job instead of starting over. The position is the first item not yet in a written key: the
 * scan page that holds it (by the page's start key) and its offset within that page. Pages are
 * requested with a fixed limit, so the same start key yields the same page again.
 *
 * @param jobId the job this checkpoint belongs to; another job's checkpoint is ignored
 * @param pageStartKey start key of the page holding the next item, {@code null} for the first page
 * @param offsetInPage items of that page already in written keys
 * @param nextUnit the next chunk number (chunk mode) or item ordinal (item mode)
 * @param counters the counters so far
 */
@Serdeable
public record BulkCheckpoint(
    String jobId,
    @Nullable Map<String, Map<String, String>> pageStartKey,
    int offsetInPage,
    long nextUnit,
    BulkCounters.Snapshot counters) {

  /** Where a load is, without its counters, which are known only once its writes are confirmed. */
  record Position(@Nullable Map<String, Map<String, String>> pageStartKey, int offsetInPage, long nextUnit) {
    BulkCheckpoint checkpoint(String jobId, BulkCounters.Snapshot counters) {
      return new BulkCheckpoint(jobId, pageStartKey, offsetInPage, nextUnit, counters);
    }
  }
}

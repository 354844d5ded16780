package io.brmh.cacheworker.bulk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Where a bulk load is, saved in Redis after every page, so that a worker that died resumes the
 * same job instead of starting over. The load scans the table in one or more segments; for each,
 * the position is the first item not yet in a written key: the scan page that holds it (by the
 * page's start key) and its offset within that page. A resumed load requests pages with the limit
 * saved here, so the same start key yields the same page again.
 *
 * @param jobId the job this checkpoint belongs to; another job's checkpoint is ignored
 * @param pageSize the scan's page limit
 * @param segments each scan segment's position, in segment order; their number is the load's segment count
 * @param nextUnit the next chunk number (chunk mode) or item ordinal (item mode)
 * @param counters the counters so far
 * @param phase how far the load got; {@code null} in checkpoints written before phases existed: {@link Phase#PAGES}
 */
@Serdeable
public record BulkCheckpoint(String jobId, int pageSize, List<SegmentPosition> segments, long nextUnit, BulkCounters.Snapshot counters,
    @Nullable Phase phase) {

  /** How far a load got: a resumed load goes on from there. */
  public enum Phase {
    /** Writing pages. */
    PAGES,
    /** Every page is in Redis; the indexes are not swapped yet. */
    PAGES_WRITTEN,
    /** The indexes are swapped; the job has not ended yet. */
    SWAPPED
  }

  /** A load that has not started: every segment at its beginning. */
  static BulkCheckpoint start(String jobId, int pageSize, int segmentCount) {
    return new BulkCheckpoint(jobId, pageSize, Collections.nCopies(segmentCount, SegmentPosition.BEGINNING), 0, null, Phase.PAGES);
  }

  Phase phaseOrPages() {
    return phase == null ? Phase.PAGES : phase;
  }

  BulkCheckpoint in(Phase next, BulkCounters.Snapshot finalCounters) {
    return new BulkCheckpoint(jobId, pageSize, segments, nextUnit, finalCounters, next);
  }

  /**
   * One scan segment's position.
   *
   * @param pageStartKey start key of the page holding the next item, {@code null} for the segment's first page
   * @param offsetInPage items of that page already in written keys
   * @param done the segment's last page is written
   */
  @Serdeable
  public record SegmentPosition(@Nullable Map<String, Map<String, String>> pageStartKey, int offsetInPage, boolean done) {
    static final SegmentPosition BEGINNING = new SegmentPosition(null, 0, false);
  }

  /** Where a load is, without its counters, which are known only once its writes are confirmed. */
  record Position(int pageSize, List<SegmentPosition> segments, long nextUnit) {
    BulkCheckpoint checkpoint(String jobId, BulkCounters.Snapshot counters) {
      return new BulkCheckpoint(jobId, pageSize, segments, nextUnit, counters, Phase.PAGES);
    }
  }
}

package io.brmh.cacheworker.bulk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Where a bulk load is, saved in Redis after every page, so that a worker that died resumes the
 * same job instead of starting over. The load scans the table in one or more segments; each resumes
 * after the primary key of the last item it put into a written key, so items written to the table
 * while the load was stopped cannot shift what it re-reads (an item inserted before that key
 * reaches the cache through its change event, which waits behind the load).
 *
 * @param jobId the job this checkpoint belongs to; another job's checkpoint is ignored
 * @param pageSize the scan's page limit
 * @param segments each scan segment's position, in segment order; their number is the load's
 *     segment count
 * @param nextUnit the next chunk number (chunk mode) or item ordinal (item mode)
 * @param counters the counters so far
 * @param phase how far the load got; {@code null} in checkpoints written before phases existed:
 *     {@link Phase#PAGES}
 * @param format {@value #FORMAT} for checkpoints that resume by key; a load finding an older one
 *     starts over
 */
@Serdeable
public record BulkCheckpoint(
    String jobId,
    int pageSize,
    List<SegmentPosition> segments,
    long nextUnit,
    BulkCounters.Snapshot counters,
    @Nullable Phase phase,
    int format) {
  /** Checkpoints that resume each segment after a primary key. */
  static final int FORMAT = 2;

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
    return new BulkCheckpoint(
        jobId,
        pageSize,
        Collections.nCopies(segmentCount, SegmentPosition.BEGINNING),
        0,
        null,
        Phase.PAGES,
        FORMAT);
  }

  Phase phaseOrPages() {
    return phase == null ? Phase.PAGES : phase;
  }

  BulkCheckpoint in(Phase next, BulkCounters.Snapshot finalCounters) {
    return new BulkCheckpoint(jobId, pageSize, segments, nextUnit, finalCounters, next, FORMAT);
  }

  /**
   * One scan segment's position.
   *
   * @param afterKey the primary key of the last item of this segment in a written key, {@code null}
   *     when none is yet
   * @param done the segment's last page is read and all its items are in written keys
   */
  @Serdeable
  public record SegmentPosition(@Nullable Map<String, Map<String, String>> afterKey, boolean done) {
    static final SegmentPosition BEGINNING = new SegmentPosition(null, false);
  }

  /** Where a load is, without its counters, which are known only once its writes are confirmed. */
  record Position(int pageSize, List<SegmentPosition> segments, long nextUnit) {
    BulkCheckpoint checkpoint(String jobId, BulkCounters.Snapshot counters) {
      return new BulkCheckpoint(jobId, pageSize, segments, nextUnit, counters, Phase.PAGES, FORMAT);
    }
  }
}

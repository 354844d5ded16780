package io.brmh.platform.cache;

/**
 * The Redis keys of one cached table, in the original's grammar (clients read them directly):
 * {@code {project}:{table}:{itemId}} with one item per key, {@code {project}:{table}:chunk:{n}}
 * with chunks. BRMH's own bookkeeping lives under {@code {brmh}:}, a prefix no project can have, so
 * it never shows up among a table's keys.
 *
 * @param project validated by {@link CacheNames}
 * @param table validated by {@link CacheNames}
 */
public record CacheKeys(String project, String table) {
  public static final String CHUNK = "chunk:";
  private static final String INTERNAL = "{brmh}:";

  public CacheKeys {
    if (!CacheNames.isValidProject(project) || !CacheNames.isValidTable(table)) {
      throw new IllegalArgumentException("invalid project or table: " + project + ", " + table);
    }
  }

  /** {@code {project}:{table}:} */
  public String prefix() {
    return project + ":" + table + ":";
  }

  public String item(String itemId) {
    return prefix() + itemId;
  }

  public String chunk(long n) {
    return prefix() + CHUNK + n;
  }

  /**
   * Sorted set of the item ids cached one per key, in read order: members from {@link ItemOrder},
   * all scored 0, so a page is one range by rank and the count is {@code ZCARD}.
   */
  public String itemIndex() {
    return INTERNAL + "item-order:" + prefix();
  }

  /**
   * The unordered set of item ids that caches written before the ordered index kept (every read
   * sorted it). The cache worker turns it into {@link #itemIndex()} when it first touches the
   * table; readers fall back to it until then.
   */
  public String legacyItemSet() {
    return INTERNAL + "items:" + prefix();
  }

  /** Sorted set of the chunk numbers, scored by number. */
  public String chunkIndex() {
    return INTERNAL + "chunks:" + prefix();
  }

  /**
   * Hash from item id to the chunk that holds it, so a change finds its chunk without reading all.
   */
  public String chunkOfItem() {
    return INTERNAL + "chunk-of:" + prefix();
  }

  /**
   * Names the load whose cache is live ({@code jobId}), set in the same script as its indexes. A
   * cache recorded as loaded (in DynamoDB) whose marker is gone was lost by Redis: restarted empty,
   * flushed, failed over to an empty replica.
   */
  public String loadedMarker() {
    return INTERNAL + "loaded:" + prefix();
  }

  /**
   * Names the load that began writing this cache ({@code jobId}), set once when it starts: a load
   * that finds it gone at its end lost its earlier pages with Redis's data and starts over.
   */
  public String bulkRun() {
    return INTERNAL + "bulk-run:" + prefix();
  }

  /**
   * A counter each run of a bulk load increments when it starts: only the run holding the latest
   * value may move the checkpoint or swap the indexes, so a run that lost its partition (and did
   * not notice) stops writing as soon as its successor starts.
   */
  public String bulkFence() {
    return INTERNAL + "bulk-fence:" + prefix();
  }

  /** Where a running bulk load keeps its checkpoint. */
  public String bulkCheckpoint() {
    return INTERNAL + "bulk:" + prefix();
  }

  /** Scratch index a bulk load builds, renamed over {@code index} when it completes. */
  public String staging(String index, String jobId) {
    return index + "staging:" + jobId;
  }
}

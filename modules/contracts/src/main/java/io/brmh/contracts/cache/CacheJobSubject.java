package io.brmh.contracts.cache;

/**
 * The subject of a bulk cache job, {@code cache:<project>:<table>}: what job listings filter on and
 * WebSocket clients subscribe to. Project names cannot contain {@code :}, so the table is what
 * follows the last one.
 */
public final class CacheJobSubject {
  private static final String PREFIX = "cache:";

  private CacheJobSubject() {}

  /** The subject of a job on the cache of {@code project} for {@code table}. */
  public static String of(String project, String table) {
    return PREFIX + project + ":" + table;
  }

  /** {@code <project>:<table>}, the cache a subject names, as the original's listings show it. */
  public static String cacheOf(String subject) {
    return subject.startsWith(PREFIX) ? subject.substring(PREFIX.length()) : subject;
  }

  /** The table a subject names. */
  public static String tableOf(String subject) {
    return subject.substring(subject.lastIndexOf(':') + 1);
  }
}

package io.brmh.scrapeworker.execute;

import io.micronaut.core.annotation.Nullable;

/**
 * Where a run stands between two pages.
 *
 * @param next the address of the next page, or null when the pages are over
 * @param writing whether a page's items are being written: a page a crash cut off holds items of
 *     this run, not the existing items a run with {@code stopOnExisting} ends at
 * @param lastPageHash the last page's content hash: the same page again ends the run
 * @param stoppedBy why the pages ended, once they did ({@code last-page}, {@code existing-item})
 */
record Checkpoint(
    @Nullable String next,
    String style,
    long page,
    long offset,
    long items,
    long pages,
    long retries,
    boolean writing,
    @Nullable String lastPageHash,
    @Nullable String stoppedBy) {

  Checkpoint whileWriting() {
    return new Checkpoint(
        next, style, page, offset, items, pages, retries, true, lastPageHash, stoppedBy);
  }
}

package io.brmh.platform.jobs;

import io.brmh.contracts.job.JobStatus;
import io.micronaut.core.annotation.Nullable;

/**
 * Which jobs to list, newest first where an owner is given.
 *
 * @param owner only this user's jobs, or {@code null} for everyone's (admins)
 * @param type only jobs of this type
 * @param status only jobs in this status
 * @param subject only jobs about this subject
 * @param limit at most this many jobs in one page (1–100)
 * @param pageToken where the previous page ended, as returned in {@link JobPage#nextPageToken()}
 */
public record JobQuery(
    @Nullable String owner,
    @Nullable String type,
    @Nullable JobStatus status,
    @Nullable String subject,
    int limit,
    @Nullable String pageToken) {
  public static final int MAX_LIMIT = 100;
}

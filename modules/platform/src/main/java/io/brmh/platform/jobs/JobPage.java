package io.brmh.platform.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a job listing.
 *
 * @param items the jobs of this page
 * @param nextPageToken pass it as {@code pageToken} for the next page; absent on the last page
 */
@Serdeable
public record JobPage(List<Job> items, @Nullable String nextPageToken) {}

package io.brmh.platform.search;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where search indexes are configured and kept, {@code brmh.search.*}.
 *
 * @param configsTable the index configurations, {@code brmh-indexing} as in the original
 * @param engine {@code lucene} (default: embedded in the index worker's process, which must then
 *     also serve the searches, as the local run does) or {@code opensearch}
 * @param luceneDirectory where the embedded engine keeps its indexes (default {@code data/search};
 *     the local run puts it under its data directory)
 */
@ConfigurationProperties("brmh.search")
public record SearchConfiguration(
    @Bindable(defaultValue = "brmh-indexing") String configsTable,
    @Bindable(defaultValue = "lucene") String engine,
    @Nullable String luceneDirectory) {}

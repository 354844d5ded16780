package io.brmh.platform.schemas;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where namespace schemas are kept ({@code brmh.schemas.*}).
 *
 * @param table the DynamoDB table of schemas, with an index by namespace (default {@code
 *     brmh-schemas})
 * @param maxSize the longest schema, in bytes of its JSON (default 256 KiB; DynamoDB's item limit
 *     is 400 KB)
 */
@ConfigurationProperties("brmh.schemas")
public record SchemasConfiguration(
    @Bindable(defaultValue = "brmh-schemas") String table,
    @Bindable(defaultValue = "262144") int maxSize) {}

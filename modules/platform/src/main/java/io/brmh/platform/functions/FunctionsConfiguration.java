package io.brmh.platform.functions;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where namespace functions are kept, {@code brmh.functions.*}.
 *
 * @param table functions and their versions (default {@code brmh-functions})
 * @param artifactBucket the S3 bucket of their packages, one object per digest (default {@code
 *     brmh-function-artifacts})
 * @param createArtifactBucket whether a process makes {@code artifactBucket} at start-up when it is
 *     missing (the local run and compose: true; in AWS it comes from infrastructure code)
 */
@ConfigurationProperties("brmh.functions")
public record FunctionsConfiguration(
    @Bindable(defaultValue = "brmh-functions") String table,
    @Bindable(defaultValue = "brmh-function-artifacts") String artifactBucket,
    @Bindable(defaultValue = "false") boolean createArtifactBucket) {}

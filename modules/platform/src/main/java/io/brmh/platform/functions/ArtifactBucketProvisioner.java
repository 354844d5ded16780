package io.brmh.platform.functions;

import io.brmh.platform.aws.S3Buckets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Makes the function artifact bucket while the context starts when it is missing and {@code
 * brmh.functions.create-artifact-bucket} is true, as the local run and compose start from empty
 * servers.
 */
@Context
@Requires(property = "brmh.functions.create-artifact-bucket", value = "true")
class ArtifactBucketProvisioner {
  private final S3Client s3;
  private final FunctionsConfiguration config;

  ArtifactBucketProvisioner(S3Client s3, FunctionsConfiguration config) {
    this.s3 = s3;
    this.config = config;
  }

  @PostConstruct
  void createMissingBucket() {
    S3Buckets.createIfMissing(s3, config.artifactBucket());
  }
}

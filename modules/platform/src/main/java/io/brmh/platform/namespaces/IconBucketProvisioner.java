package io.brmh.platform.namespaces;

import io.brmh.platform.aws.S3Buckets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Makes the icon bucket while the context starts when it is missing and {@code
 * brmh.namespaces.create-icon-bucket} is true, as the local run and compose start from empty
 * servers. In AWS the bucket comes from infrastructure code.
 */
@Context
@Requires(property = "brmh.namespaces.create-icon-bucket", value = "true")
class IconBucketProvisioner {
  private final S3Client s3;
  private final NamespacesConfiguration config;

  IconBucketProvisioner(S3Client s3, NamespacesConfiguration config) {
    this.s3 = s3;
    this.config = config;
  }

  @PostConstruct
  void createMissingBucket() {
    S3Buckets.createIfMissing(s3, config.iconBucket());
  }
}

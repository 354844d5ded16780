package io.brmh.platform.namespaces;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Makes the icon bucket while the context starts when it is missing and {@code
 * brmh.namespaces.create-icon-bucket} is true, as the local run and compose start from empty
 * servers. In AWS the bucket comes from infrastructure code.
 */
@Context
@Requires(property = "brmh.namespaces.create-icon-bucket", value = "true")
class IconBucketProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(IconBucketProvisioner.class);

  private final S3Client s3;
  private final NamespacesConfiguration config;

  IconBucketProvisioner(S3Client s3, NamespacesConfiguration config) {
    this.s3 = s3;
    this.config = config;
  }

  @PostConstruct
  void createMissingBucket() {
    try {
      s3.headBucket(b -> b.bucket(config.iconBucket()));
    } catch (S3Exception missing) {
      if (missing.statusCode() != 404) {
        throw missing;
      }
      try {
        s3.createBucket(b -> b.bucket(config.iconBucket()));
        LOG.info("Created S3 bucket {}", config.iconBucket());
      } catch (BucketAlreadyOwnedByYouException createdByAnotherInstance) {
        // another process of the local run made it first
      }
    }
  }
}

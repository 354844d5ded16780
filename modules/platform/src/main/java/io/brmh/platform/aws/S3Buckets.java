package io.brmh.platform.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Buckets BRMH makes itself where it starts from empty servers (the local run, compose). */
public final class S3Buckets {
  private static final Logger LOG = LoggerFactory.getLogger(S3Buckets.class);

  private S3Buckets() {}

  /** Makes the bucket unless it is there (or another process makes it at the same moment). */
  public static void createIfMissing(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (S3Exception missing) {
      if (missing.statusCode() != 404) {
        throw missing;
      }
      try {
        s3.createBucket(b -> b.bucket(bucket));
        LOG.info("Created S3 bucket {}", bucket);
      } catch (BucketAlreadyOwnedByYouException createdByAnotherInstance) {
        // another process of the local run made it first
      }
    }
  }
}

package io.brmh.platform.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * How BRMH reaches AWS services.
 *
 * @param region AWS region of DynamoDB, S3 and Lambda ({@code brmh.aws.region})
 * @param accessKeyId static access key for local servers; when absent the AWS default credentials
 *     chain is used, as in production ({@code brmh.aws.access-key-id})
 * @param secretAccessKey the secret of {@code accessKeyId} ({@code brmh.aws.secret-access-key})
 * @param dynamodbEndpoint endpoint override for DynamoDB and DynamoDB Streams, for DynamoDB Local
 *     or LocalStack ({@code brmh.aws.dynamodb-endpoint})
 * @param s3Endpoint endpoint override for S3; path-style addressing is used when set ({@code
 *     brmh.aws.s3-endpoint})
 * @param snsEndpoint endpoint override for SNS, the text-message sender ({@code
 *     brmh.aws.sns-endpoint})
 * @param sesEndpoint endpoint override for SES, the e-mail sender ({@code brmh.aws.ses-endpoint})
 */
@ConfigurationProperties("brmh.aws")
public record AwsConfiguration(
    String region,
    @Nullable String accessKeyId,
    @Nullable String secretAccessKey,
    @Nullable String dynamodbEndpoint,
    @Nullable String s3Endpoint,
    @Nullable String snsEndpoint,
    @Nullable String sesEndpoint) {

  /** Keeps the secret key out of logs. */
  @Override
  public String toString() {
    return "AwsConfiguration["
        + region
        + (accessKeyId == null ? ", default credentials" : ", static key " + accessKeyId)
        + "]";
  }
}

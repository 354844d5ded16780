package io.brmh.platform.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Configures any AWS SDK v2 client the way all of BRMH's are, from {@link AwsConfiguration}. */
public final class AwsClients {
  private AwsClients() {}

  /**
   * Region, credentials, HTTP client and, for local servers, the endpoint: the same for every
   * client.
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(
      B builder, AwsConfiguration aws, String endpoint) {
    builder
        .region(Region.of(aws.region()))
        .credentialsProvider(credentials(aws))
        .httpClient(UrlConnectionHttpClient.create());
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder;
  }

  private static AwsCredentialsProvider credentials(AwsConfiguration aws) {
    if (aws.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
  }
}

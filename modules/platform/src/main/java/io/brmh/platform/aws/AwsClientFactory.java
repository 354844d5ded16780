package io.brmh.platform.aws;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the AWS SDK v2 clients from {@link AwsConfiguration}. */
@Factory
class AwsClientFactory {

  @Singleton
  @Bean(preDestroy = "close")
  DynamoDbClient dynamoDbClient(AwsConfiguration aws) {
    var builder = DynamoDbClient.builder()
        .region(Region.of(aws.region()))
        .credentialsProvider(credentials(aws))
        .httpClient(UrlConnectionHttpClient.create());
    if (aws.dynamodbEndpoint() != null) {
      builder.endpointOverride(URI.create(aws.dynamodbEndpoint()));
    }
    return builder.build();
  }

  @Singleton
  @Bean(preDestroy = "close")
  DynamoDbStreamsClient dynamoDbStreamsClient(AwsConfiguration aws) {
    var builder = DynamoDbStreamsClient.builder()
        .region(Region.of(aws.region()))
        .credentialsProvider(credentials(aws))
        .httpClient(UrlConnectionHttpClient.create());
    if (aws.dynamodbEndpoint() != null) {
      builder.endpointOverride(URI.create(aws.dynamodbEndpoint()));
    }
    return builder.build();
  }

  @Singleton
  @Bean(preDestroy = "close")
  S3Client s3Client(AwsConfiguration aws) {
    var builder = S3Client.builder()
        .region(Region.of(aws.region()))
        .credentialsProvider(credentials(aws))
        .httpClient(UrlConnectionHttpClient.create());
    if (aws.s3Endpoint() != null) {
      // S3-compatible servers (s3proxy, LocalStack) do not resolve bucket subdomains.
      builder.endpointOverride(URI.create(aws.s3Endpoint())).forcePathStyle(true);
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(AwsConfiguration aws) {
    if (aws.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
  }
}

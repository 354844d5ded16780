package io.brmh.platform.aws;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
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
    return configured(DynamoDbClient.builder(), aws, aws.dynamodbEndpoint()).build();
  }

  @Singleton
  @Bean(preDestroy = "close")
  DynamoDbStreamsClient dynamoDbStreamsClient(AwsConfiguration aws) {
    return configured(DynamoDbStreamsClient.builder(), aws, aws.dynamodbEndpoint()).build();
  }

  @Singleton
  @Bean(preDestroy = "close")
  S3Client s3Client(AwsConfiguration aws) {
    // S3-compatible servers (s3proxy, LocalStack) do not resolve bucket subdomains.
    return configured(S3Client.builder(), aws, aws.s3Endpoint()).forcePathStyle(aws.s3Endpoint() != null).build();
  }

  /** Region, credentials, HTTP client and, for local servers, the endpoint: the same for every client. */
  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(B builder, AwsConfiguration aws, String endpoint) {
    builder.region(Region.of(aws.region())).credentialsProvider(credentials(aws)).httpClient(UrlConnectionHttpClient.create());
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder;
  }

  private static AwsCredentialsProvider credentials(AwsConfiguration aws) {
    if (aws.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
  }
}

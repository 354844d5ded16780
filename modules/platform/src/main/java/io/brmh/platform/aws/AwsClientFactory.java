package io.brmh.platform.aws;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the AWS SDK v2 clients from {@link AwsConfiguration}. */
@Factory
class AwsClientFactory {

  @Singleton
  @Bean(preDestroy = "close")
  DynamoDbClient dynamoDbClient(AwsConfiguration aws) {
    return AwsClients.configured(DynamoDbClient.builder(), aws, aws.dynamodbEndpoint()).build();
  }

  @Singleton
  @Bean(preDestroy = "close")
  DynamoDbStreamsClient dynamoDbStreamsClient(AwsConfiguration aws) {
    return AwsClients.configured(DynamoDbStreamsClient.builder(), aws, aws.dynamodbEndpoint())
        .build();
  }

  @Singleton
  @Bean(preDestroy = "close")
  S3Client s3Client(AwsConfiguration aws) {
    // S3-compatible servers (s3proxy, LocalStack) do not resolve bucket subdomains.
    return AwsClients.configured(S3Client.builder(), aws, aws.s3Endpoint())
        .forcePathStyle(aws.s3Endpoint() != null)
        .build();
  }
}

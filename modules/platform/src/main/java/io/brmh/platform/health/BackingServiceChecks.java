package io.brmh.platform.health;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The checks of the four backing services every BRMH process uses. Clients are looked up lazily, so
 * a service that is down at start-up shows as DOWN instead of failing the start.
 */
@Factory
class BackingServiceChecks {

  @Singleton
  @Named("kafka")
  DependencyCheck kafka(BeanProvider<AdminClient> admin) {
    return DependencyCheck.of(
        "kafka",
        () -> {
          int nodes =
              admin
                  .get()
                  .describeCluster(
                      new DescribeClusterOptions()
                          .timeoutMs((int) ReadinessProbe.TIMEOUT.toMillis()))
                  .nodes()
                  .get(ReadinessProbe.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                  .size();
          return nodes + " broker(s)";
        });
  }

  @Singleton
  @Named("redis")
  DependencyCheck redis(BeanProvider<RedissonClient> redis) {
    return DependencyCheck.of(
        "redis",
        () -> {
          redis.get().getKeys().count();
          return "reachable";
        });
  }

  @Singleton
  @Named("dynamodb")
  DependencyCheck dynamoDb(BeanProvider<DynamoDbClient> dynamo) {
    return DependencyCheck.of(
        "dynamodb",
        () -> {
          dynamo.get().listTables(request -> request.limit(1));
          return "reachable";
        });
  }

  @Singleton
  @Named("s3")
  DependencyCheck s3(BeanProvider<S3Client> s3) {
    return DependencyCheck.of(
        "s3",
        () -> {
          s3.get().listBuckets();
          return "reachable";
        });
  }
}

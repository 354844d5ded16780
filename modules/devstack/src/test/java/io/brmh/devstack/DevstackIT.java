package io.brmh.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Topic;
import io.brmh.contracts.TopicDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Each server of the devstack is real and answers its own protocol. */
class DevstackIT {
  private final DevstackEndpoints endpoints = SharedDevstack.endpoints();
  private final StaticCredentialsProvider credentials =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(
              DevstackEndpoints.ACCESS_KEY_ID, DevstackEndpoints.SECRET_ACCESS_KEY));

  @Test
  void kafkaHasEveryConfiguredTopicWithItsPartitions() throws Exception {
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", endpoints.kafkaBootstrapServers()))) {
      List<TopicDefinition> definitions = TopicDefinition.loadAll();
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(definitions.stream().map(TopicDefinition::name).toList())
              .allTopicNames()
              .get();
      for (TopicDefinition definition : definitions) {
        assertThat(topics.get(definition.name()).partitions())
            .as(definition.name())
            .hasSize(definition.partitions());
      }
    }
  }

  @Test
  void kafkaDeliversARecordWithItsHeaders() {
    String key = "table-" + UUID.randomUUID();
    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
    try (var producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      var record = new ProducerRecord<>(Topic.TABLE_LOG.topicName(), key, "{\"op\":\"INSERT\"}");
      record
          .headers()
          .add("ce_type", "brmh.table.item-changed.v1".getBytes(StandardCharsets.UTF_8));
      producer.send(record);
    }
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "devstack-it-" + UUID.randomUUID());
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topic.TABLE_LOG.topicName()));
      List<ConsumerRecord<String, String>> received = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().anyMatch(r -> r.key().equals(key));
              });
      ConsumerRecord<String, String> mine =
          received.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
      assertThat(mine.value()).isEqualTo("{\"op\":\"INSERT\"}");
      assertThat(new String(mine.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
          .isEqualTo("brmh.table.item-changed.v1");
    }
  }

  @Test
  void redisStoresAndReturnsValues() {
    Config config = new Config();
    config.useSingleServer().setAddress(endpoints.redisAddress());
    RedissonClient redis = Redisson.create(config);
    try {
      redis.getBucket("devstack:it").set("hello");
      assertThat(redis.<String>getBucket("devstack:it").get()).isEqualTo("hello");
    } finally {
      redis.shutdown();
    }
  }

  @Test
  void dynamoDbItemWriteAppearsOnTheTableStream() {
    String table = "devstack-" + UUID.randomUUID();
    try (DynamoDbClient dynamo =
            DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoints.dynamoDbEndpoint()))
                .region(Region.of(DevstackEndpoints.REGION))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        DynamoDbStreamsClient streams =
            DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(endpoints.dynamoDbEndpoint()))
                .region(Region.of(DevstackEndpoints.REGION))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      String streamArn =
          dynamo
              .createTable(
                  b ->
                      b.tableName(table)
                          .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                          .attributeDefinitions(
                              a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                          .billingMode("PAY_PER_REQUEST")
                          .streamSpecification(
                              s ->
                                  s.streamEnabled(true)
                                      .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
              .tableDescription()
              .latestStreamArn();
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(
                      Map.of(
                          "id", AttributeValue.fromS("a-1"), "name", AttributeValue.fromS("Ada"))));

      String shardId =
          streams
              .describeStream(b -> b.streamArn(streamArn))
              .streamDescription()
              .shards()
              .get(0)
              .shardId();
      String iterator =
          streams
              .getShardIterator(
                  b ->
                      b.streamArn(streamArn)
                          .shardId(shardId)
                          .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      List<Record> records = streams.getRecords(b -> b.shardIterator(iterator)).records();

      assertThat(records)
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.eventNameAsString()).isEqualTo("INSERT");
                assertThat(record.dynamodb().newImage())
                    .containsEntry("name", AttributeValue.fromS("Ada"));
              });
    }
  }

  @Test
  void s3ObjectIsPutListedReadAndDeleted() {
    String bucket = "devstack-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create(endpoints.s3Endpoint()))
            .forcePathStyle(true)
            .region(Region.of(DevstackEndpoints.REGION))
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      s3.createBucket(b -> b.bucket(bucket));
      s3.putObject(
          b -> b.bucket(bucket).key("docs/readme.txt").contentType("text/plain"),
          RequestBody.fromString("drive file"));

      assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("docs/")).contents())
          .extracting(S3Object::key)
          .containsExactly("docs/readme.txt");
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("docs/readme.txt")).asUtf8String())
          .isEqualTo("drive file");

      s3.deleteObject(b -> b.bucket(bucket).key("docs/readme.txt"));
      assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }
  }
}

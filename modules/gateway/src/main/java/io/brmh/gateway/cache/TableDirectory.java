package io.brmh.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.brmh.platform.dynamodb.InternalTables;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.streams.StreamSwitch;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Which DynamoDB tables exist and what their primary keys are. Key schemas are remembered for a
 * minute; a missing table is asked again next time (it may be created meanwhile).
 */
@Singleton
class TableDirectory {
  private final DynamoDbClient dynamo;
  private final InternalTables internal;
  private final StreamSwitch streamSwitch;

  /**
   * Key schemas of existing tables. A key never changes while its table lives, but an administrator
   * may drop a table and make another of the name with another key, so they are remembered for a
   * minute, not for good.
   */
  private final Cache<String, List<String>> keySchemas =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

  TableDirectory(DynamoDbClient dynamo, InternalTables internal, StreamSwitch streamSwitch) {
    this.dynamo = dynamo;
    this.internal = internal;
    this.streamSwitch = streamSwitch;
  }

  /**
   * Turns the table's stream on where BRMH may, before a configuration lets anyone load its cache:
   * a change written between a first load's scan and a later start of the stream would be lost.
   */
  void turnStreamOn(String table) {
    streamSwitch.ensureOn(dynamo.describeTable(b -> b.tableName(table)).table());
  }

  /**
   * The key attributes of a table a caller may cache: an existing table that is not one of BRMH's
   * own.
   *
   * @throws ProblemException 403 for an internal table, 404 when the table does not exist, naming
   *     {@code field}
   */
  List<String> cacheableKeyAttributes(String table, String field) {
    if (internal.isInternal(table)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "internal-table",
          "Table " + table + " belongs to BRMH itself and is never cached.",
          List.of(
              new Problem.FieldError(
                  field,
                  "is one of BRMH's own tables (names starting with "
                      + InternalTables.RESERVED_PREFIX
                      + " are reserved)")));
    }
    return keyAttributes(table, field);
  }

  /**
   * The table's key attribute names, partition key first.
   *
   * @throws ProblemException 404 naming {@code field} when the table does not exist
   */
  List<String> keyAttributes(String table, String field) {
    List<String> known = keySchemas.getIfPresent(table);
    if (known != null) {
      return known;
    }
    try {
      List<String> keys =
          dynamo.describeTable(b -> b.tableName(table)).table().keySchema().stream()
              .map(KeySchemaElement::attributeName)
              .toList();
      keySchemas.put(table, keys);
      return keys;
    } catch (ResourceNotFoundException missing) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "table-not-found",
          "There is no DynamoDB table " + table + ".",
          List.of(new Problem.FieldError(field, "no such table")));
    }
  }
}

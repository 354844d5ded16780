package io.brmh.gateway.cache;

import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Which DynamoDB tables exist and what their primary keys are. Key schemas never change, so they
 * are remembered; a missing table is asked again next time (it may be created meanwhile).
 */
@Singleton
class TableDirectory {
  private final DynamoDbClient dynamo;
  private final Map<String, List<String>> keySchemas = new ConcurrentHashMap<>();

  TableDirectory(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /**
   * The table's key attribute names, partition key first.
   *
   * @throws ProblemException 404 naming {@code field} when the table does not exist
   */
  List<String> keyAttributes(String table, String field) {
    List<String> known = keySchemas.get(table);
    if (known != null) {
      return known;
    }
    try {
      List<String> keys = dynamo.describeTable(b -> b.tableName(table)).table().keySchema().stream()
          .map(KeySchemaElement::attributeName).toList();
      keySchemas.put(table, keys);
      return keys;
    } catch (ResourceNotFoundException missing) {
      throw new ProblemException(HttpStatus.NOT_FOUND, "table-not-found", "There is no DynamoDB table " + table + ".",
          List.of(new io.brmh.platform.problem.Problem.FieldError(field, "no such table")));
    }
  }
}

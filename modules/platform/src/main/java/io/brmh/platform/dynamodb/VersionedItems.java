package io.brmh.platform.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Optimistic writes of items that carry a version number: a change names the version it was made
 * from, and DynamoDB refuses it when the stored item moved on (or is gone), so two writers never
 * overwrite each other unseen.
 */
public final class VersionedItems {
  private VersionedItems() {}

  /**
   * Puts {@code item} in place of the stored one if that one is still at {@code expectedVersion}.
   *
   * @param versionAttribute the attribute holding the version (a number)
   * @return false when the stored item is at another version, or gone
   */
  public static boolean putAtVersion(
      DynamoDbClient dynamo,
      String table,
      Map<String, AttributeValue> item,
      String versionAttribute,
      long expectedVersion) {
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(item)
                  .conditionExpression("#version = :expected")
                  .expressionAttributeNames(Map.of("#version", versionAttribute))
                  .expressionAttributeValues(
                      Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion)))));
      return true;
    } catch (ConditionalCheckFailedException changed) {
      return false;
    }
  }
}

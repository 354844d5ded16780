package io.brmh.gateway.auth;

import static io.brmh.gateway.auth.UsersTable.CREATED_AT;
import static io.brmh.gateway.auth.UsersTable.EMAIL;
import static io.brmh.gateway.auth.UsersTable.PASSWORD_HASH;
import static io.brmh.gateway.auth.UsersTable.ROLES;
import static io.brmh.gateway.auth.UsersTable.USER_ID;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Accounts in DynamoDB. E-mails are compared in lower case. */
@Singleton
class UserRepository {
  private final DynamoDbClient dynamo;
  private final UsersTable table;

  UserRepository(DynamoDbClient dynamo, UsersTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  static String normalize(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  Optional<UserAccount> findByEmail(String email) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                request ->
                    request
                        .tableName(table.name())
                        .key(Map.of(EMAIL, AttributeValue.fromS(normalize(email))))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  /** Stores a new account; returns false when one with that e-mail exists already. */
  boolean createIfAbsent(UserAccount account) {
    try {
      dynamo.putItem(
          request ->
              request
                  .tableName(table.name())
                  .item(toItem(account))
                  .conditionExpression("attribute_not_exists(#email)")
                  .expressionAttributeNames(Map.of("#email", EMAIL)));
      return true;
    } catch (ConditionalCheckFailedException alreadyThere) {
      return false;
    }
  }

  void updatePasswordHash(String email, String passwordHash) {
    dynamo.updateItem(
        request ->
            request
                .tableName(table.name())
                .key(Map.of(EMAIL, AttributeValue.fromS(normalize(email))))
                .updateExpression("SET #hash = :hash")
                .conditionExpression("attribute_exists(#email)")
                .expressionAttributeNames(Map.of("#hash", PASSWORD_HASH, "#email", EMAIL))
                .expressionAttributeValues(Map.of(":hash", AttributeValue.fromS(passwordHash))));
  }

  private static Map<String, AttributeValue> toItem(UserAccount account) {
    return Map.of(
        EMAIL, AttributeValue.fromS(normalize(account.login())),
        USER_ID, AttributeValue.fromS(account.userId()),
        PASSWORD_HASH, AttributeValue.fromS(account.passwordHash()),
        ROLES, AttributeValue.fromSs(account.roles()),
        CREATED_AT, AttributeValue.fromS(account.createdAt().toString()));
  }

  private static UserAccount fromItem(Map<String, AttributeValue> item) {
    return new UserAccount(
        item.get(USER_ID).s(),
        item.get(EMAIL).s(),
        item.get(PASSWORD_HASH).s(),
        item.get(ROLES).ss(),
        Instant.parse(item.get(CREATED_AT).s()));
  }
}

package io.brmh.gateway.auth;

import static io.brmh.gateway.auth.RefreshTokensTable.EMAIL;
import static io.brmh.gateway.auth.RefreshTokensTable.EXPIRES_AT;
import static io.brmh.gateway.auth.RefreshTokensTable.FAMILY;
import static io.brmh.gateway.auth.RefreshTokensTable.ID;
import static io.brmh.gateway.auth.RefreshTokensTable.REVOKED;
import static io.brmh.gateway.auth.RefreshTokensTable.STATE;

import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.SecureText;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Rotating refresh tokens. A login starts a family; a refresh uses its token up (each works once)
 * and gives a new one of the same family. A token presented again after it was used was stolen or
 * replayed, and which of the two holders is the thief cannot be told: the whole family is revoked,
 * so both must log in again (OAuth 2.0 Security Best Current Practice, refresh token rotation).
 * Tokens are 256 random bits; only their SHA-256 is stored.
 */
@Singleton
class RefreshTokens {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshTokens.class);
  private static final String ACTIVE = "ACTIVE";
  private static final String USED = "USED";

  private final DynamoDbClient dynamo;
  private final RefreshTokensTable table;
  private final Duration lifetime;

  RefreshTokens(DynamoDbClient dynamo, RefreshTokensTable table, AuthConfiguration config) {
    this.dynamo = dynamo;
    this.table = table;
    this.lifetime = config.refreshTokenLifetime();
  }

  /** A token and the account it was issued to. */
  record Rotated(String email, String refreshToken) {}

  /**
   * @return the first token of a new family, for a login
   */
  String start(String email) {
    String family = SecureText.random(16);
    AttributeValue expiry =
        AttributeValue.fromN(Long.toString(Instant.now().plus(lifetime).getEpochSecond()));
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(
                    Map.of(
                        ID,
                        familyId(family),
                        EMAIL,
                        AttributeValue.fromS(email),
                        REVOKED,
                        AttributeValue.fromBool(false),
                        EXPIRES_AT,
                        expiry)));
    return issue(family, email, expiry);
  }

  /**
   * Uses the token up and issues the next one of its family.
   *
   * @throws ProblemException 401 when the token is unknown, expired, revoked or used before (then
   *     its family is revoked)
   */
  Rotated rotate(String token) {
    Map<String, AttributeValue> item = find(token).orElseThrow(RefreshTokens::invalid);
    String family = item.get(FAMILY).s();
    AttributeValue familyExpiry = liveFamilyExpiry(family).orElseThrow(RefreshTokens::invalid);
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table.name())
                  .key(Map.of(ID, tokenId(token)))
                  .updateExpression("SET #state = :used")
                  .conditionExpression("#state = :active")
                  .expressionAttributeNames(Map.of("#state", STATE))
                  .expressionAttributeValues(
                      Map.of(
                          ":used",
                          AttributeValue.fromS(USED),
                          ":active",
                          AttributeValue.fromS(ACTIVE))));
    } catch (ConditionalCheckFailedException usedBefore) {
      revoke(family);
      LOG.warn(
          "A used refresh token of family {} was presented again: the family is revoked", family);
      throw invalid();
    }
    String email = item.get(EMAIL).s();
    return new Rotated(email, issue(family, email, familyExpiry));
  }

  /**
   * Revokes the token's family when the token belongs to {@code email}; any other token is left
   * alone.
   */
  void revokeFamily(String token, String email) {
    find(token)
        .filter(item -> item.get(EMAIL).s().equals(email))
        .ifPresent(item -> revoke(item.get(FAMILY).s()));
  }

  /** A token of the family, expiring with it: rotation never extends a login. */
  private String issue(String family, String email, AttributeValue familyExpiry) {
    String token = SecureText.random(32);
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(
                    Map.of(
                        ID,
                        tokenId(token),
                        FAMILY,
                        AttributeValue.fromS(family),
                        EMAIL,
                        AttributeValue.fromS(email),
                        STATE,
                        AttributeValue.fromS(ACTIVE),
                        EXPIRES_AT,
                        familyExpiry)));
    return token;
  }

  /** The token's item, unless it expired (DynamoDB deletes expired items only eventually). */
  private Optional<Map<String, AttributeValue>> find(String token) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b -> b.tableName(table.name()).key(Map.of(ID, tokenId(token))).consistentRead(true))
            .item();
    if (item == null
        || item.isEmpty()
        || Long.parseLong(item.get(EXPIRES_AT).n()) <= Instant.now().getEpochSecond()) {
      return Optional.empty();
    }
    return Optional.of(item);
  }

  /**
   * The family's expiry, unless it is revoked, expired or gone (DynamoDB deletes expired items only
   * eventually, if at all).
   */
  private Optional<AttributeValue> liveFamilyExpiry(String family) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(Map.of(ID, familyId(family)))
                        .consistentRead(true))
            .item();
    if (item == null
        || item.isEmpty()
        || item.get(REVOKED).bool()
        || Long.parseLong(item.get(EXPIRES_AT).n()) <= Instant.now().getEpochSecond()) {
      return Optional.empty();
    }
    return Optional.of(item.get(EXPIRES_AT));
  }

  private void revoke(String family) {
    dynamo.updateItem(
        b ->
            b.tableName(table.name())
                .key(Map.of(ID, familyId(family)))
                .updateExpression("SET #revoked = :true")
                .expressionAttributeNames(Map.of("#revoked", REVOKED))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
  }

  private static AttributeValue tokenId(String token) {
    return AttributeValue.fromS("token#" + SecureText.sha256Hex(token));
  }

  private static AttributeValue familyId(String family) {
    return AttributeValue.fromS("family#" + family);
  }

  /**
   * The one answer to every refresh token that does not work, whatever the reason: a caller learns
   * nothing from it.
   */
  static ProblemException invalid() {
    return new ProblemException(
        HttpStatus.UNAUTHORIZED,
        "invalid-refresh-token",
        "The refresh token is not valid; log in again.");
  }
}

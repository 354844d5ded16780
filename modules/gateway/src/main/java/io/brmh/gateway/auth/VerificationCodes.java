package io.brmh.gateway.auth;

import static io.brmh.gateway.auth.VerificationCodesTable.ATTEMPTS_LEFT;
import static io.brmh.gateway.auth.VerificationCodesTable.CODE_HASH;
import static io.brmh.gateway.auth.VerificationCodesTable.EXPIRES_AT;
import static io.brmh.gateway.auth.VerificationCodesTable.ID;
import static io.brmh.gateway.auth.VerificationCodesTable.PAYLOAD;

import io.brmh.platform.security.JwtConfiguration;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Six-digit one-time codes (e-mail verification, phone verification). A code is stored only as an
 * HMAC-SHA256 under a key derived from {@code brmh.jwt.secret}, expires after {@code
 * brmh.auth.codes.lifetime} and allows {@code brmh.auth.codes.attempts} wrong entries, after which
 * it is void. A code may carry a payload, what the right code unlocks (a pending signup's password
 * hash); a new code for the same purpose and recipient replaces the old one and its payload. A
 * right code works once.
 */
@Singleton
class VerificationCodes {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DynamoDbClient dynamo;
  private final VerificationCodesTable table;
  private final SecretKeySpec hmacKey;
  private final Duration lifetime;
  private final int attempts;

  VerificationCodes(
      DynamoDbClient dynamo,
      VerificationCodesTable table,
      JwtConfiguration jwt,
      VerificationCodeConfiguration config) {
    this.dynamo = dynamo;
    this.table = table;
    this.hmacKey =
        new SecretKeySpec(
            ("verification-codes:" + jwt.secret()).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.lifetime = config.lifetime();
    this.attempts = config.attempts();
  }

  Duration lifetime() {
    return lifetime;
  }

  /**
   * @return a new code for {@code purpose} and {@code recipient}, replacing any earlier one
   */
  String issue(String purpose, String recipient, String payload) {
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(
                    Map.of(
                        ID,
                        id(purpose, recipient),
                        CODE_HASH,
                        AttributeValue.fromS(hash(purpose, recipient, code)),
                        PAYLOAD,
                        AttributeValue.fromS(payload),
                        ATTEMPTS_LEFT,
                        AttributeValue.fromN(Integer.toString(attempts)),
                        EXPIRES_AT,
                        AttributeValue.fromN(
                            Long.toString(Instant.now().plus(lifetime).getEpochSecond())))));
    return code;
  }

  /**
   * @return a new code with the payload of the live one, when there is one (a code asked for again)
   */
  Optional<String> reissue(String purpose, String recipient) {
    Map<String, AttributeValue> live =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(Map.of(ID, id(purpose, recipient)))
                        .consistentRead(true))
            .item();
    if (live == null
        || live.isEmpty()
        || Long.parseLong(live.get(EXPIRES_AT).n()) <= Instant.now().getEpochSecond()) {
      return Optional.empty();
    }
    return Optional.of(issue(purpose, recipient, live.get(PAYLOAD).s()));
  }

  /**
   * Checks an entered code. Every check of a live code spends an attempt, right or wrong, so that
   * concurrent guesses cannot share one; the right one then deletes the code.
   *
   * @return the code's payload when the code was right, live and not spent
   */
  Optional<String> redeem(String purpose, String recipient, String entered) {
    Map<String, AttributeValue> spent;
    try {
      spent =
          dynamo
              .updateItem(
                  b ->
                      b.tableName(table.name())
                          .key(Map.of(ID, id(purpose, recipient)))
                          .updateExpression("SET #left = #left - :one")
                          .conditionExpression("#left > :zero AND #expires > :now")
                          .expressionAttributeNames(
                              Map.of("#left", ATTEMPTS_LEFT, "#expires", EXPIRES_AT))
                          .expressionAttributeValues(
                              Map.of(
                                  ":one",
                                  AttributeValue.fromN("1"),
                                  ":zero",
                                  AttributeValue.fromN("0"),
                                  ":now",
                                  AttributeValue.fromN(
                                      Long.toString(Instant.now().getEpochSecond()))))
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
    } catch (ConditionalCheckFailedException noneLive) {
      return Optional.empty(); // no code, expired, or no attempts left
    }
    boolean right =
        MessageDigest.isEqual(
            spent.get(CODE_HASH).s().getBytes(StandardCharsets.US_ASCII),
            hash(purpose, recipient, entered.trim()).getBytes(StandardCharsets.US_ASCII));
    if (!right) {
      return Optional.empty();
    }
    dynamo.deleteItem(b -> b.tableName(table.name()).key(Map.of(ID, id(purpose, recipient))));
    return Optional.of(spent.get(PAYLOAD).s());
  }

  private static AttributeValue id(String purpose, String recipient) {
    return AttributeValue.fromS(purpose + "#" + recipient);
  }

  private String hash(String purpose, String recipient, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(hmacKey);
      return HexFormat.of()
          .formatHex(
              mac.doFinal(
                  (purpose + "#" + recipient + "#" + code).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java has HmacSHA256", e);
    }
  }
}

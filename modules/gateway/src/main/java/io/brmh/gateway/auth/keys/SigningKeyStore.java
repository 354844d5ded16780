package io.brmh.gateway.auth.keys;

import static io.brmh.gateway.auth.keys.SigningKeysTable.CREATED_AT;
import static io.brmh.gateway.auth.keys.SigningKeysTable.EXPIRES_AT;
import static io.brmh.gateway.auth.keys.SigningKeysTable.KEY_ID;
import static io.brmh.gateway.auth.keys.SigningKeysTable.SEALED_KEY;
import static io.brmh.gateway.auth.keys.SigningKeysTable.VERIFIES_UNTIL;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.brmh.platform.security.JwtConfiguration;
import io.brmh.platform.security.SealedText;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Signing keys in DynamoDB. The private key never lies there in clear: each JWK is sealed with
 * AES-256-GCM under a key derived from {@code brmh.jwt.secret} (from the secret store in
 * production), bound to its key id, so a copy of the table alone signs nothing.
 */
@Singleton
class SigningKeyStore {
  private static final int RSA_BITS = 2048;

  /** How long a retired key's item stays after it stopped verifying, for the record. */
  private static final Duration KEPT_AFTER_RETIREMENT = Duration.ofDays(1);

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeyStore.class);

  private final DynamoDbClient dynamo;
  private final SigningKeysTable table;
  private final SealedText sealer;

  SigningKeyStore(DynamoDbClient dynamo, SigningKeysTable table, JwtConfiguration jwt) {
    this.dynamo = dynamo;
    this.table = table;
    // No label: keys sealed before SealedText existed used the secret's SHA-256 alone.
    this.sealer = SealedText.keyed("", jwt.secret());
  }

  /**
   * Every key this secret unseals; one sealed under another secret (the secret was changed) is left
   * out with a warning.
   */
  List<SigningKey> all() {
    List<SigningKey> keys = new ArrayList<>();
    dynamo
        .scanPaginator(b -> b.tableName(table.name()).consistentRead(true))
        .items()
        .forEach(
            item -> {
              try {
                keys.add(fromItem(item));
              } catch (IllegalStateException unusable) {
                LOG.warn(
                    "Signing key {} is left out: {}", item.get(KEY_ID).s(), unusable.getMessage());
              }
            });
    return keys;
  }

  SigningKey create(Instant now) {
    RSAKey jwk;
    try {
      jwk =
          new RSAKeyGenerator(RSA_BITS)
              .keyID(UUID.randomUUID().toString())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("no RSA key generator", e);
    }
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(
                    Map.of(
                        KEY_ID,
                        AttributeValue.fromS(jwk.getKeyID()),
                        SEALED_KEY,
                        AttributeValue.fromS(seal(jwk.getKeyID(), jwk.toJSONString())),
                        CREATED_AT,
                        AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
    return new SigningKey(jwk, Instant.ofEpochMilli(now.toEpochMilli()), null);
  }

  /** The key verifies tokens until {@code verifiesUntil} only; one gone already is left alone. */
  void retire(String keyId, Instant verifiesUntil) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":until", AttributeValue.fromN(Long.toString(verifiesUntil.toEpochMilli())));
    values.put(
        ":expires",
        AttributeValue.fromN(
            Long.toString(verifiesUntil.plus(KEPT_AFTER_RETIREMENT).getEpochSecond())));
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table.name())
                  .key(Map.of(KEY_ID, AttributeValue.fromS(keyId)))
                  .updateExpression("SET #until = :until, #expires = :expires")
                  .conditionExpression("attribute_exists(#kid)")
                  .expressionAttributeNames(
                      Map.of("#until", VERIFIES_UNTIL, "#expires", EXPIRES_AT, "#kid", KEY_ID))
                  .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException gone) {
      // deleted by its time to live meanwhile: nothing left to retire
    }
  }

  private SigningKey fromItem(Map<String, AttributeValue> item) {
    String keyId = item.get(KEY_ID).s();
    RSAKey jwk;
    try {
      jwk = RSAKey.parse(unseal(keyId, item.get(SEALED_KEY).s()));
    } catch (ParseException e) {
      throw new IllegalStateException("signing key " + keyId + " is not an RSA JWK", e);
    }
    AttributeValue until = item.get(VERIFIES_UNTIL);
    return new SigningKey(
        jwk,
        Instant.ofEpochMilli(Long.parseLong(item.get(CREATED_AT).n())),
        until == null ? null : Instant.ofEpochMilli(Long.parseLong(until.n())));
  }

  private String seal(String keyId, String text) {
    return sealer.seal(keyId, text);
  }

  /**
   * @throws IllegalStateException when the item was sealed under another secret, or altered
   */
  private String unseal(String keyId, String text) {
    return sealer.unseal(keyId, text);
  }
}

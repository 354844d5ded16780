package io.brmh.gateway.auth.apikeys;

import static io.brmh.gateway.auth.apikeys.ApiKeysTable.CREATED_AT;
import static io.brmh.gateway.auth.apikeys.ApiKeysTable.CREATED_BY;
import static io.brmh.gateway.auth.apikeys.ApiKeysTable.ID;
import static io.brmh.gateway.auth.apikeys.ApiKeysTable.NAME;
import static io.brmh.gateway.auth.apikeys.ApiKeysTable.SCOPES;
import static io.brmh.gateway.auth.apikeys.ApiKeysTable.SECRET_HASH;
import static io.brmh.gateway.auth.apikeys.ApiKeysTable.TABLES;

import com.github.benmanes.caffeine.cache.Cache;
import io.brmh.platform.security.LookupCaches;
import io.brmh.platform.security.SecureText;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * API keys: {@code brmh_<id>_<secret>}, the secret 256 random bits. Only the secret's SHA-256 is
 * stored (a fast hash is enough for a random secret of that size); the whole key is shown once,
 * when it is made. Revoking deletes it: the next request with it is refused.
 */
@Singleton
class ApiKeys {
  private static final Pattern KEY = Pattern.compile("brmh_([A-Za-z0-9-]{16})_([A-Za-z0-9_-]{43})");
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DynamoDbClient dynamo;
  private final ApiKeysTable table;

  /**
   * Key items by key id, as every request with a key looks them up. The secret is still compared on
   * every request: only what DynamoDB holds is kept, never a key's text.
   */
  private final Cache<String, Optional<Map<String, AttributeValue>>> items;

  ApiKeys(DynamoDbClient dynamo, ApiKeysTable table, LookupCaches caches) {
    this.dynamo = dynamo;
    this.table = table;
    this.items = caches.create();
  }

  /** A key just made, with the only copy of its full text. */
  record Made(ApiKey key, String secretKey) {
    @Override
    public String toString() {
      return "Made[" + key + "]";
    }
  }

  Made create(String name, List<String> scopes, List<String> tables, String createdBy) {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
    }
    String secretText = SecureText.random(32);
    ApiKey key =
        new ApiKey(
            id.toString(),
            name,
            List.copyOf(scopes),
            List.copyOf(tables),
            Instant.now(),
            createdBy);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ID, AttributeValue.fromS(key.id()));
    item.put(NAME, AttributeValue.fromS(name));
    item.put(SECRET_HASH, AttributeValue.fromS(SecureText.sha256Hex(secretText)));
    item.put(SCOPES, AttributeValue.fromSs(key.scopes()));
    if (!tables.isEmpty()) {
      item.put(TABLES, AttributeValue.fromSs(key.tables()));
    }
    item.put(CREATED_AT, AttributeValue.fromS(key.createdAt().toString()));
    item.put(CREATED_BY, AttributeValue.fromS(createdBy));
    dynamo.putItem(b -> b.tableName(table.name()).item(item));
    return new Made(key, "brmh_" + key.id() + "_" + secretText);
  }

  List<ApiKey> list() {
    List<ApiKey> keys = new ArrayList<>();
    dynamo
        .scanPaginator(b -> b.tableName(table.name()).consistentRead(true))
        .items()
        .forEach(item -> keys.add(fromItem(item)));
    return keys;
  }

  /**
   * @return false when there was no such key
   */
  boolean revoke(String id) {
    var deleted =
        dynamo.deleteItem(
            b ->
                b.tableName(table.name())
                    .key(Map.of(ID, AttributeValue.fromS(id)))
                    .returnValues(ReturnValue.ALL_OLD));
    items.invalidate(id);
    return deleted.hasAttributes() && !deleted.attributes().isEmpty();
  }

  /** The key this text is, if it is a live one. */
  Optional<ApiKey> authenticate(String text) {
    Matcher matcher = KEY.matcher(text.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = items.get(matcher.group(1), this::read).orElse(null);
    if (item == null) {
      return Optional.empty();
    }
    boolean right =
        SecureText.same(item.get(SECRET_HASH).s(), SecureText.sha256Hex(matcher.group(2)));
    return right ? Optional.of(fromItem(item)) : Optional.empty();
  }

  private Optional<Map<String, AttributeValue>> read(String id) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(Map.of(ID, AttributeValue.fromS(id)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  private static ApiKey fromItem(Map<String, AttributeValue> item) {
    return new ApiKey(
        item.get(ID).s(),
        item.get(NAME).s(),
        item.get(SCOPES).ss(),
        item.containsKey(TABLES) ? item.get(TABLES).ss() : List.of(),
        Instant.parse(item.get(CREATED_AT).s()),
        item.get(CREATED_BY).s());
  }
}

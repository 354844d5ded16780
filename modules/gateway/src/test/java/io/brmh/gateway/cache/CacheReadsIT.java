package io.brmh.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.ItemOrder;
import io.brmh.platform.security.Roles;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The read routes page through the ordered indexes: item keys by en-US collation, then chunks by
 * number, at every page boundary, with totals from the indexes' counts. The caches are written here
 * as the cache worker writes them (its writers are tested against the table in its module).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheReadsIT implements TestPropertyProvider {
  private static final List<String> TRICKY =
      List.of(
          "a",
          "A",
          "á",
          "ab",
          "a-b",
          "a b",
          "B",
          "b",
          "item-000001",
          "item-00001",
          "item-1",
          "Item-1",
          "é",
          "e",
          "E",
          "ss",
          "中文",
          "\uD83D\uDE00",
          "z",
          "Z",
          "10",
          "9",
          "-1",
          "co-op",
          "coop",
          "key:with:colons",
          "x*y");

  @Inject
  @Client("/")
  HttpClient httpClient;

  @Inject JsonMapper json;
  @Inject TokenGenerator tokens;
  @Inject RedissonClient redis;

  private GatewayClient http;
  private String admin;
  private final String table = "reads-" + UUID.randomUUID().toString().substring(0, 8);

  @Override
  public Map<String, String> getProperties() {
    return SharedDevstack.applicationProperties();
  }

  @BeforeAll
  void setUp() {
    http = new GatewayClient(httpClient.toBlocking());
    admin =
        tokens
            .generateToken(Authentication.build("admin-1", List.of(Roles.ADMIN, Roles.USER)), 3600)
            .orElseThrow();
  }

  @Test
  void pagesFollowCollationThenChunksAcrossEveryPageBoundary() {
    CacheKeys keys = new CacheKeys("ordered", table);
    List<String> ids = ids(400);
    writeItems(keys, ids);
    writeChunks(keys, 12);
    List<String> expected = inReadOrder(keys, ids, 12);

    for (int limit : new int[] {7, 100, 1000}) {
      List<String> paged = new ArrayList<>();
      for (int page = 1; ; page++) {
        Map<String, Object> answer =
            get(
                "/cache/data-in-sequence?project=ordered&table="
                    + table
                    + "&page="
                    + page
                    + "&limit="
                    + limit);
        assertThat(answer).containsEntry("totalKeys", expected.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> pagination = (Map<String, Object>) answer.get("pagination");
        assertThat(pagination).containsEntry("totalPages", (expected.size() + limit - 1) / limit);
        List<String> pageKeys = keysOf(answer);
        if (pageKeys.isEmpty()) {
          break;
        }
        paged.addAll(pageKeys);
      }
      assertThat(paged).as("limit %d", limit).isEqualTo(expected);
    }
    Map<String, Object> one =
        get("/cache/keys?project=ordered&table=" + table + "&page=" + (ids.size() + 1));
    assertThat(keysOf(one)).containsExactly(keys.chunk(0));
    assertThat(one).containsEntry("keysFound", expected.size()).containsEntry("hasMore", true);
    assertThat(keysOf(get("/cache/data?project=ordered&table=" + table))).isEqualTo(expected);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPageWithDataHoldsEachKeysStoredValue() {
    CacheKeys keys = new CacheKeys("valued", table);
    List<String> ids = ids(50);
    writeItems(keys, ids);
    Map<String, Object> answer =
        get(
            "/cache/data-in-sequence?project=valued&table="
                + table
                + "&page=2&limit=20&includeData=true");
    List<String> expected = inReadOrder(keys, ids, 0).subList(20, 40);
    assertThat(keysOf(answer)).isEqualTo(expected);
    Map<String, Object> data = (Map<String, Object>) answer.get("data");
    assertThat(data.keySet()).containsExactlyElementsOf(expected);
    expected.forEach(
        key ->
            assertThat(data.get(key))
                .isEqualTo(Map.of("id", key.substring(keys.prefix().length()))));
  }

  @Test
  void aCacheWrittenBeforeTheOrderedIndexIsReadInTheSameOrderWithWhatChangesAddedSince() {
    CacheKeys keys = new CacheKeys("legacy", table);
    List<String> ids = ids(120);
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    ids.forEach(id -> batch.getBucket(keys.item(id), StringCodec.INSTANCE).setAsync("{\"id\":1}"));
    batch.<String>getSet(keys.legacyItemSet(), StringCodec.INSTANCE).addAllAsync(ids);
    batch.execute();
    // An id a change put into the ordered index while the old set still existed is read too.
    writeItems(keys, List.of("added-by-a-change"));
    List<String> all = new ArrayList<>(ids);
    all.add("added-by-a-change");
    List<String> expected = inReadOrder(keys, all, 0);

    Map<String, Object> answer =
        get("/cache/data-in-sequence?project=legacy&table=" + table + "&page=3&limit=50");
    assertThat(keysOf(answer)).isEqualTo(expected.subList(100, expected.size()));
    assertThat(answer).containsEntry("totalKeys", expected.size());
  }

  @Test
  void aPatternLooksAtNoMoreKeysThanItsCapAndSaysSo() {
    CacheKeys keys = new CacheKeys("huge", table);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i <= CacheReader.MAX_KEYS_EXAMINED; i++) {
      ids.add(String.format(Locale.ROOT, "k%06d", i));
    }
    for (int from = 0;
        from < ids.size();
        from += 10_000) { // the index alone: a pattern read looks at keys before values
      redis
          .<String>getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE)
          .addAll(scored(ids.subList(from, Math.min(ids.size(), from + 10_000))));
    }
    Map<String, Object> answer =
        get("/cache/data?project=huge&table=" + table + "&pattern=" + encode("nothing*"));
    assertThat(answer)
        .containsEntry("keysFound", 0)
        .containsEntry("truncated", true)
        .containsEntry("keysExamined", CacheReader.MAX_KEYS_EXAMINED);
    assertThat((String) answer.get("message")).contains("/cache/data-in-sequence");
  }

  @Test
  void aMalformedOrOverlongPatternIsA400NamingThePattern() {
    for (String pattern : List.of("[abc", "abc\\", "*".repeat(KeyGlob.MAX_LENGTH + 1))) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.GET(
                      "/cache/data?project=p1&table=" + table + "&pattern=" + encode(pattern))
                  .bearerAuth(admin));
      assertThat(answer.code()).as(pattern).isEqualTo(400);
      assertThat(GatewayClient.body(answer)).contains("\"field\":\"pattern\"");
    }
  }

  private static List<String> ids(int random) {
    List<String> ids = new ArrayList<>(TRICKY);
    Random seeded = new Random(random);
    String alphabet = "aAbBeéEÉ-_ .09zZß中";
    while (ids.size() < TRICKY.size() + random) {
      StringBuilder id = new StringBuilder();
      for (int i = 0, length = 1 + seeded.nextInt(10); i < length; i++) {
        id.append(alphabet.charAt(seeded.nextInt(alphabet.length())));
      }
      if (!ids.contains(id.toString())) {
        ids.add(id.toString());
      }
    }
    return ids;
  }

  /**
   * The original's order, computed here independently: the collator, ties by bytes, then chunks by
   * number.
   */
  private static List<String> inReadOrder(CacheKeys keys, List<String> ids, int chunks) {
    Collator collator = Collator.getInstance(Locale.US);
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(
        Comparator.<String, String>comparing(id -> id, collator)
            .thenComparing(id -> id.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    List<String> expected = new ArrayList<>();
    sorted.forEach(id -> expected.add(keys.item(id)));
    for (int n = 0; n < chunks; n++) {
      expected.add(keys.chunk(n));
    }
    return expected;
  }

  private void writeItems(CacheKeys keys, List<String> ids) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    ids.forEach(
        id ->
            batch
                .getBucket(keys.item(id), StringCodec.INSTANCE)
                .setAsync(jsonOf(Map.of("id", id))));
    batch
        .<String>getScoredSortedSet(keys.itemIndex(), StringCodec.INSTANCE)
        .addAllAsync(scored(ids));
    batch.execute();
  }

  private void writeChunks(CacheKeys keys, int chunks) {
    for (int n = chunks - 1; n >= 0; n--) { // written out of order: the index orders them
      redis.getBucket(keys.chunk(n), StringCodec.INSTANCE).set("[]");
      redis
          .<String>getScoredSortedSet(keys.chunkIndex(), StringCodec.INSTANCE)
          .add(n, Integer.toString(n));
    }
  }

  private static Map<String, Double> scored(List<String> ids) {
    Map<String, Double> members = new HashMap<>();
    ItemOrder.members(ids).forEach(member -> members.put(member, 0.0));
    return members;
  }

  @SuppressWarnings("unchecked")
  private static List<String> keysOf(Map<String, Object> answer) {
    return (List<String>) answer.get("keys");
  }

  private Map<String, Object> get(String path) {
    HttpResponse<String> answer = http.send(HttpRequest.GET(path).bearerAuth(admin));
    assertThat(answer.code()).as(path + ": " + GatewayClient.body(answer)).isEqualTo(200);
    try {
      return json.readValue(GatewayClient.body(answer), Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String jsonOf(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.security.Roles;
import io.brmh.platform.testing.SearchCorpus;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Search through the whole local system: a namespace table indexed by a reindex job, searched with
 * typos, prefixes, filters and facets that count as the corpus does, kept equal to the table while
 * items are written straight into DynamoDB (stream bridge, table log, index worker), and closed to
 * a user of another namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchLocalIT {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);
  private static final List<String> FIELDS =
      List.of("name", "description", "category", "brand", "price", "inStock");

  private final SearchCorpus corpus = new SearchCorpus();
  private BrmhLocal.LocalRun run;
  private LocalRunHttp base;
  private String token;
  private JsonMapper json;
  private DynamoDbClient dynamo;
  private String namespaceId;
  private String table;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    Map<String, String> environment = LocalRunHttp.environment(dataDir, "search password");
    run = BrmhLocal.start(environment::get);
    base = new LocalRunHttp(environment);
    json = run.context().getBean(JsonMapper.class);
    dynamo = run.context().getBean(DynamoDbClient.class);
    token =
        (String)
            send(
                    "POST",
                    "/auth/login",
                    "{\"email\":\"admin@brmh.local\",\"password\":\"search password\"}")
                .get("accessToken");
    namespaceId =
        (String)
            send(
                    "POST",
                    "/unified/namespaces",
                    "{\"namespace-name\":\"shop-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "\"}")
                .get("namespace-id");
    table =
        (String)
            send(
                    "POST",
                    "/unified/table/create",
                    "{\"tableName\":\"products-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"namespaceId\":\""
                        + namespaceId
                        + "\"}")
                .get("tableName");
    corpus.documents().forEach(this::put);
    Map<String, Object> created =
        send(
            "POST",
            "/indexing/configs",
            "{\"project\":\""
                + namespaceId
                + "\",\"table\":\""
                + table
                + "\",\"description\":\"products\",\"customFields\":"
                + json.writeValueAsString(FIELDS)
                + "}");
    String jobId = (String) ((Map<?, ?>) created.get("reindexJob")).get("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "SUCCEEDED".equals(send("GET", "/jobs/" + jobId, "").get("status")));
  }

  @AfterAll
  void stop() {
    run.close();
  }

  @Test
  void aTypoFindsTheIphonesAndAPrefixTheLaptops() throws Exception {
    Set<String> iphones = corpus.withWord(word -> word.equals("iphone"));
    Set<String> laptops = corpus.withWord(word -> word.startsWith("lapt"));

    List<String> typo = ids(query("{\"query\":\"iphnoe\",\"hitsPerPage\":50}"));
    List<String> prefix = ids(query("{\"query\":\"lapt\",\"hitsPerPage\":50}"));

    assertThat(new HashSet<>(typo.subList(0, iphones.size()))).isEqualTo(iphones);
    assertThat(new HashSet<>(prefix.subList(0, laptops.size()))).isEqualTo(laptops);
  }

  @Test
  void aPriceRangeWithACategoryFacetCountsAsTheCorpus() throws Exception {
    Map<String, Object> answer =
        query(
            "{\"filters\":[{\"field\":\"price\",\"op\":\"range\",\"min\":100,\"max\":1000}],"
                + "\"facets\":[\"category\"],\"hitsPerPage\":100}");
    java.util.function.Predicate<IndexDocument> inRange =
        document ->
            SearchCorpus.price(document) != null
                && SearchCorpus.price(document).compareTo(new BigDecimal("100")) >= 0
                && SearchCorpus.price(document).compareTo(new BigDecimal("1000")) <= 0;

    assertThat(((Number) answer.get("nbHits")).longValue()).isEqualTo(corpus.ids(inRange).size());
    Map<String, Object> counts =
        (Map<String, Object>) ((Map<String, Object>) answer.get("facets")).get("category");
    Map<String, Long> asLongs = new LinkedHashMap<>();
    counts.forEach((value, count) -> asLongs.put(value, ((Number) count).longValue()));
    assertThat(asLongs).isEqualTo(corpus.counts("category", inRange));
  }

  @Test
  void aThousandChangesWrittenStraightIntoTheTableAndAReindexAmongThemEndEqualToTheTable()
      throws Exception {
    // 500 inserts, 300 modifications and 200 deletes, with a reindex asked for halfway. Words and
    // prices of their own (all below 100), so that the other tests' searches and counts of the
    // corpus hold whichever test runs first.
    String reindexJob = null;
    for (int i = 0; i < 500; i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", "Live product " + i);
      item.put("description", "Written while the index follows");
      item.put("category", "Live");
      item.put("brand", "Brmh");
      item.put("price", new BigDecimal((i % 100) + ".25"));
      item.put("inStock", i % 3 == 0);
      put(new IndexDocument("live-" + i, item));
    }
    for (int i = 0; i < 300; i++) {
      Map<String, Object> changed = new LinkedHashMap<>();
      changed.put("name", "Changed " + i);
      changed.put("description", "Rewritten while the index follows");
      changed.put("category", "Changed");
      changed.put("price", new BigDecimal(i % 100));
      put(new IndexDocument("live-" + i, changed));
      if (i == 150) {
        reindexJob = startReindex();
      }
    }
    for (int i = 300; i < 500; i++) {
      String id = "live-" + i;
      dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
    }
    String job = reindexJob;

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> "SUCCEEDED".equals(send("GET", "/jobs/" + job, "").get("status")));
    await().atMost(Duration.ofSeconds(90)).until(() -> indexed().equals(tableItems()));
    assertThat(indexed()).hasSize(corpus.documents().size() + 300);
    assertThat(ids(query("{\"query\":\"changed 7\",\"hitsPerPage\":5}"))).contains("live-7");
  }

  /** Asks for a reindex of the table, with its fields as they are, and returns its job id. */
  private String startReindex() throws Exception {
    Map<String, Object> accepted =
        send(
            "POST",
            "/search/index",
            "{\"project\":\""
                + namespaceId
                + "\",\"table\":\""
                + table
                + "\",\"customFields\":"
                + json.writeValueAsString(FIELDS)
                + "}");
    return (String) accepted.get("id");
  }

  @Test
  void theOriginalsReindexMakesTheIndexAndTakesNewFieldsEachTime() throws Exception {
    String other =
        (String)
            send(
                    "POST",
                    "/unified/table/create",
                    "{\"tableName\":\"gadgets-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"namespaceId\":\""
                        + namespaceId
                        + "\"}")
                .get("tableName");
    Map<String, Object> item = new LinkedHashMap<>(corpus.documents().get(0).fields());
    item.put("id", "g1");
    dynamo.putItem(b -> b.tableName(other).item(PlainValues.toItem(item)));

    Map<String, Object> first = reindex(other, "[\"name\"]");
    Map<String, Object> second = reindex(other, "[\"name\",\"brand\"]");

    assertThat(first).containsEntry("status", "SUCCEEDED");
    assertThat(second).containsEntry("status", "SUCCEEDED");
    Map<String, Object> hits =
        send(
            "POST",
            "/search/query",
            "{\"project\":\""
                + namespaceId
                + "\",\"table\":\""
                + other
                + "\",\"query\":\"iphone\"}");
    Map<?, ?> document =
        (Map<?, ?>) ((Map<?, ?>) ((List<?>) hits.get("hits")).get(0)).get("document");
    assertThat(new HashSet<Object>(document.keySet())).isEqualTo(Set.of("name", "brand"));
  }

  private Map<String, Object> reindex(String tableName, String fields) throws Exception {
    return json.readValue(
        base.send(
            "POST",
            "/search/index",
            "{\"project\":\""
                + namespaceId
                + "\",\"table\":\""
                + tableName
                + "\",\"customFields\":"
                + fields
                + "}",
            token,
            "Prefer",
            "wait=60"),
        OBJECT);
  }

  @Test
  void theOriginalsIndicesAndHealthRoutesTellWhatIsBuilt() throws Exception {
    Map<String, Object> listed =
        send(
            "POST",
            "/search/indices",
            "{\"project\":\"" + namespaceId + "\",\"table\":\"" + table + "\"}");
    Map<String, Object> health = send("GET", "/search/health", null);

    assertThat(listed).containsEntry("totalIndices", 1);
    Map<?, ?> built =
        (Map<?, ?>)
            ((List<?>)
                    ((Map<?, ?>) ((Map<?, ?>) listed.get("groupedIndices")).get(namespaceId))
                        .get(table))
                .get(0);
    assertThat((String) built.get("name")).startsWith("idx-" + built.get("indexId") + "-");
    assertThat(((Number) built.get("entries")).longValue())
        .isEqualTo(((Number) query("{\"hitsPerPage\":1}").get("nbHits")).longValue());
    assertThat(health).containsEntry("engine", "lucene").containsEntry("connected", true);
    assertThat(((Number) health.get("totalIndices")).intValue()).isPositive();
  }

  @Test
  void aChangeSentToTheOriginalsIndexingRouteReachesTheIndex() throws Exception {
    String other =
        (String)
            send(
                    "POST",
                    "/unified/table/create",
                    "{\"tableName\":\"pushed-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"namespaceId\":\""
                        + namespaceId
                        + "\"}")
                .get("tableName");
    assertThat(reindex(other, "[\"name\"]")).containsEntry("status", "SUCCEEDED");

    var accepted =
        base.exchange(
            "POST",
            "/indexing/update",
            "{\"type\":\"INSERT\",\"tableName\":\""
                + other
                + "\",\"newItem\":{\"id\":\"pushed-1\",\"name\":\"Pushed zeppelin\"}}",
            token);

    assertThat(accepted.statusCode()).isEqualTo(202);
    String body =
        "{\"project\":\"" + namespaceId + "\",\"table\":\"" + other + "\",\"query\":\"zeppelin\"}";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ids(send("POST", "/search/query", body)).equals(List.of("pushed-1")));
  }

  @Test
  void aRemovedIndexIsGoneForItsConfigurationsAndItsSearches() throws Exception {
    String other =
        (String)
            send(
                    "POST",
                    "/unified/table/create",
                    "{\"tableName\":\"removed-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"namespaceId\":\""
                        + namespaceId
                        + "\"}")
                .get("tableName");
    assertThat(reindex(other, "[\"name\"]")).containsEntry("status", "SUCCEEDED");
    String indexId =
        (String)
            ((Map<?, ?>)
                    ((List<?>)
                            ((Map<?, ?>)
                                    ((Map<?, ?>)
                                            send(
                                                    "POST",
                                                    "/search/indices",
                                                    "{\"project\":\""
                                                        + namespaceId
                                                        + "\",\"table\":\""
                                                        + other
                                                        + "\"}")
                                                .get("groupedIndices"))
                                        .get(namespaceId))
                                .get(other))
                        .get(0))
                .get("indexId");

    Map<String, Object> dropped =
        json.readValue(
            base.send("DELETE", "/indexing/configs/" + indexId, "", token, "Prefer", "wait=60"),
            OBJECT);
    var search =
        base.exchange(
            "POST",
            "/search/query",
            "{\"project\":\"" + namespaceId + "\",\"table\":\"" + other + "\",\"query\":\"\"}",
            token);

    assertThat(dropped).containsEntry("status", "SUCCEEDED").containsEntry("type", "search.drop");
    assertThat(search.statusCode()).isEqualTo(404);
    assertThat(base.exchange("GET", "/indexing/configs/" + indexId, "", token).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aUserOfAnotherNamespaceSearchesNothingOfThisOne() throws Exception {
    String stranger =
        run.context()
            .getBean(TokenGenerator.class)
            .generateToken(
                Authentication.build(
                    "stranger-1", List.of(Roles.USER), Map.of("email", "stranger@example.org")),
                600)
            .orElseThrow();
    var answer =
        base.exchange(
            "POST",
            "/search/query",
            "{\"project\":\"" + namespaceId + "\",\"table\":\"" + table + "\",\"query\":\"\"}",
            stranger);

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).doesNotContain("iPhone");
  }

  /** Every document of the index, through the search route, by id, values as decimals. */
  private Map<String, Map<String, Object>> indexed() throws Exception {
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    String cursor = null;
    do {
      Map<String, Object> page =
          query(
              "{\"hitsPerPage\":100"
                  + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"")
                  + "}");
      for (Object hit : (List<?>) page.get("hits")) {
        Map<?, ?> one = (Map<?, ?>) hit;
        all.put((String) one.get("id"), exact((Map<String, Object>) one.get("document")));
      }
      cursor = (String) page.get("nextCursor");
    } while (cursor != null);
    return all;
  }

  /** Every item of the table, its indexed fields, by id, values as decimals. */
  private Map<String, Map<String, Object>> tableItems() {
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    dynamo
        .scanPaginator(b -> b.tableName(table).consistentRead(true))
        .items()
        .forEach(
            item -> {
              Map<String, Object> plain = PlainValues.fromItem(item);
              Map<String, Object> fields = new LinkedHashMap<>();
              FIELDS.forEach(
                  field -> {
                    if (plain.get(field) != null) {
                      fields.put(field, plain.get(field));
                    }
                  });
              all.put((String) plain.get("id"), exact(fields));
            });
    return all;
  }

  private static Map<String, Object> exact(Map<String, Object> fields) {
    Map<String, Object> exact = new java.util.TreeMap<>();
    fields.forEach(
        (name, value) ->
            exact.put(
                name,
                value instanceof Number number
                    ? new BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
                    : value));
    return exact;
  }

  private void put(IndexDocument document) {
    Map<String, Object> item = new LinkedHashMap<>(document.fields());
    item.put("id", document.id());
    dynamo.putItem(b -> b.tableName(table).item(PlainValues.toItem(item)));
  }

  private Map<String, Object> query(String body) throws Exception {
    String withTable =
        "{\"project\":\"" + namespaceId + "\",\"table\":\"" + table + "\"," + body.substring(1);
    return send("POST", "/search/query", withTable);
  }

  private static List<String> ids(Map<String, Object> answer) {
    return ((List<?>) answer.get("hits"))
        .stream().map(hit -> (String) ((Map<?, ?>) hit).get("id")).toList();
  }

  private Map<String, Object> send(String method, String path, String body) throws Exception {
    return json.readValue(base.send(method, path, body == null ? "" : body, token), OBJECT);
  }
}

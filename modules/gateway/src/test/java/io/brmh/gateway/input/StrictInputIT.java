package io.brmh.gateway.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.gateway.TestAdmin;
import io.brmh.gateway.input.RawRequests.Answer;
import io.brmh.platform.input.SafeText;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.security.Roles;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The inputs the fuzz run found accepted, each now a 400 problem naming the field at fault
 * (or 414 and 431 for an over-long request line and headers), and nothing stored.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictInputIT implements TestPropertyProvider {
  private static final String USER = "strict-user";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject TokenGenerator tokens;
  @Inject NamespaceStore namespaces;

  private RawRequests raw;

  @Override
  public Map<String, String> getProperties() {
    return TestAdmin.properties();
  }

  @BeforeAll
  void setUp() {
    raw = new RawRequests(server, json);
  }

  @Test
  void dataAfterTheBodyIsRefusedAndNothingIsCreated() {
    String name = unique("trail");
    Answer answer = raw.send("POST", "/namespaces", user(), "{\"name\":\"" + name + "\"}xyz");
    assertRefused(answer, "body");
    assertThat(namespaces.findByName(name)).as("no namespace was made").isEmpty();
  }

  @Test
  void aNameGivenTwiceIsRefusedNamingIt() {
    assertRefused(
        raw.send("POST", "/namespaces", user(), "{\"name\":\"dup-a1\",\"name\":\"dup-b1\"}"),
        "name");
  }

  @Test
  void valuesOfTheWrongJsonTypeAreRefusedNamingTheField() {
    for (String itemsPerKey : List.of("1.9", "[7]", "\"1\"", "true", "1e2", "99999999999")) {
      assertRefused(
          raw.send("POST", "/cache/configs", admin(), config("\"orders\"", itemsPerKey)),
          "itemsPerKey");
    }
    assertRefused(raw.send("POST", "/cache/configs", admin(), config("123", "1")), "tableName");
  }

  @Test
  void aNullInsideAListIsRefusedNamingItsPlace() {
    assertRefused(
        raw.send(
            "POST",
            "/auth/api-keys",
            admin(),
            "{\"name\":\"feed\",\"scopes\":[\"cache:ingest\"],\"tables\":[null]}"),
        "tables[0]");
  }

  @Test
  void anUnknownFieldIsRefusedNamingIt() {
    assertRefused(
        raw.send("POST", "/namespaces", user(), "{\"name\":\"" + unique("x") + "\",\"nmae\":1}"),
        "nmae");
  }

  @Test
  void controlBidiAndZeroWidthCharactersAreRefusedInBodies() {
    for (String unsafe : List.of("\\u0000", "\\u202e", "\\u200b", "\\u2066", "\\ufeff")) {
      assertRefused(
          raw.send(
              "POST",
              "/auth/api-keys",
              admin(),
              "{\"name\":\"feed" + unsafe + "x\",\"scopes\":[\"cache:ingest\"]}"),
          "name");
    }
  }

  @Test
  void controlBidiAndZeroWidthCharactersAreRefusedInPathsAndQueries() {
    assertRefused(
        raw.send("GET", "/namespaces/fi%E2%80%8Bnance/members", user(), null), "namespace");
    assertRefused(
        raw.send("GET", "/cache/stats?project=a%00b&table=orders", admin(), null), "project");
    assertRefused(
        raw.send("GET", "/cache/stats?project=ab&table=ord%E2%80%AEers", admin(), null), "table");
  }

  @Test
  void unsafeTextIsRefusedInParametersWithoutAPattern() {
    assertRefusedAs(raw.send("GET", "/jobs/job%E2%80%AE1", admin(), null), "id", SafeText.FAULT);
    assertRefusedAs(
        raw.send("GET", "/jobs?subject=cache%3Aa%E2%80%8Bb", admin(), null),
        "subject",
        SafeText.FAULT);
    assertRefusedAs(
        raw.send("GET", "/jobs?subj%00ect=x", admin(), null), "subj\\u0000ect", SafeText.FAULT);
  }

  @Test
  void typedQueryParametersAreNotCoerced() {
    assertRefusedAs(
        raw.send("GET", "/jobs?limit=%2B5", admin(), null), "limit", "must be a whole number");
    assertRefusedAs(
        raw.send("GET", "/jobs?limit=%D9%A2", admin(), null), "limit", "must be a whole number");
    assertRefused(raw.send("GET", "/jobs?status=succeeded", admin(), null), "status");
    assertThat(raw.send("GET", "/jobs?status=SUCCEEDED&limit=", admin(), null).status())
        .as("an exact name, and an empty value left to its default")
        .isEqualTo(200);
  }

  @Test
  void aNullOrEmptyBodyIsRefusedNamingTheBody() {
    assertRefused(raw.send("POST", "/cache-data", admin(), "null"), "body");
    assertRefused(raw.send("POST", "/cache/update", admin(), "null"), "body");
    assertRefused(raw.send("POST", "/namespaces", user(), ""), "body");
  }

  @Test
  void jsonNestedTenThousandDeepIsRefused() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertRefused(raw.send("POST", "/namespaces", user(), "{\"name\":" + deep + "}"), "body");
  }

  @Test
  void anOverLongRequestLineIs414AndOverLongHeadersAre431() {
    Answer longLine = raw.send("GET", "/cache/stats?project=" + "a".repeat(20_000), admin(), null);
    assertThat(longLine.status()).isEqualTo(414);
    assertThat(longLine.isProblem()).isTrue();
    Answer longHeader =
        raw.send("GET", "/health/live", null, null, Map.of("X-Padding", "p".repeat(20_000)));
    assertThat(longHeader.status()).isEqualTo(431);
    assertThat(longHeader.isProblem()).isTrue();
  }

  private static void assertRefusedAs(Answer answer, String field, String message) {
    assertRefused(answer, field);
    assertThat(answer.errors())
        .as(answer.body())
        .anyMatch(
            error -> field.equals(error.get("field")) && message.equals(error.get("message")));
  }

  private static void assertRefused(Answer answer, String field) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.isProblem()).as(answer.contentType()).isTrue();
    assertThat(answer.names(field)).as(answer.body() + " names " + field).isTrue();
  }

  private static String config(String tableName, String itemsPerKey) {
    return "{\"tableName\":"
        + tableName
        + ",\"project\":\"strict-project\",\"itemsPerKey\":"
        + itemsPerKey
        + "}";
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String admin() {
    return token("strict-admin", Roles.ADMIN, Roles.USER);
  }

  private String user() {
    return token(USER, Roles.USER);
  }

  private String token(String subject, String... roles) {
    return tokens
        .generateToken(
            Map.of(
                "sub",
                subject,
                "roles",
                List.of(roles),
                "email",
                subject + "@example.org",
                "exp",
                Instant.now().plusSeconds(300).getEpochSecond(),
                "jti",
                UUID.randomUUID().toString()))
        .orElseThrow();
  }
}

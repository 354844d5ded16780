package io.brmh.gateway.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.gateway.ApiOperations;
import io.brmh.gateway.TestAdmin;
import io.brmh.gateway.input.RawRequests.Answer;
import io.brmh.platform.security.Roles;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * Walks every operation of the served OpenAPI document with a corpus of bad input, as an
 * administrator so that no answer is about access: malformed and non-object bodies, data after the
 * value, {@code null} and empty bodies, JSON nested 10,000 deep, an unknown member, each documented
 * body field missing (when required), mistyped, null inside its list, one longer than its {@code
 * maxLength} or {@code maxItems} (which every string and list must have), 1 MB long, carrying NUL,
 * bidi or zero-width characters, and, where the schema gives a pattern, glob characters, {@code :},
 * {@code ../} and {@code %2e%2e%2f}; each path and query parameter likewise; an over-long URL and
 * over-long headers. Every answer must be a 4xx problem+json, and wherever the document constrains
 * the input, a 400 naming the field at fault. So the document's types, required flags, patterns and
 * lengths are checked against what the server enforces.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputWalkIT implements TestPropertyProvider {
  private static final String MEGABYTE = "m".repeat(1 << 20);
  private static final List<String> UNSAFE_TEXT = List.of("a\\u0000b", "a\\u202eb", "a\\u200bb");
  private static final List<String> OUTSIDE_PATTERNS =
      List.of("a*b?[c]", "a:b", "../x", "%2e%2e%2f");
  private static final List<String> UNSAFE_IN_URLS = List.of("a%00b", "a%E2%80%AEb", "a%E2%80%8Bb");
  private static final List<String> OUTSIDE_PATTERNS_IN_URLS =
      List.of("a*b", "a:b", "..%2F..%2Fetc", "%2e%2e%2f");

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject TokenGenerator tokens;

  private RawRequests raw;
  private Map<String, Object> document;
  private final List<String> faults = new ArrayList<>();
  private int requests;

  @Override
  public Map<String, String> getProperties() {
    return TestAdmin.properties();
  }

  @BeforeAll
  void fetch() {
    raw = new RawRequests(server, json);
    document = new Yaml().load(raw.send("GET", "/swagger/brmh-api-0.1.yml", null, null).body());
  }

  @Test
  void everyOperationRefusesEveryBadInputWithAProblemNamingTheField() {
    Map<String, Map<String, Object>> operations = ApiOperations.of(document);
    assertThat(operations).hasSizeGreaterThan(40);
    operations.forEach(this::walk);
    System.out.println(
        "bad-input walk: " + operations.size() + " operations, " + requests + " requests");
    assertThat(faults).isEmpty();
  }

  private void walk(String name, Map<String, Object> operation) {
    String method = name.substring(0, name.indexOf(' '));
    String template = name.substring(name.indexOf(' ') + 1);
    if (template.equals("/ws")) {
      return; // a WebSocket handshake, not a request: JobsIT covers it
    }
    List<Map<String, Object>> parameters = list(operation.get("parameters"));
    Map<String, Object> body = bodySchema(operation);
    String validBody = body.isEmpty() ? null : "{}";
    for (Map<String, Object> parameter : parameters) {
      String in = String.valueOf(parameter.get("in"));
      if (in.equals("path")) {
        walkPathParameter(name, method, template, parameters, parameter, validBody);
      } else if (in.equals("query")) {
        walkQueryParameter(name, method, template, parameters, parameter, validBody);
      }
    }
    String url = url(template, parameters, null, null);
    expectStatus(
        name + " with a 64 KiB URL",
        send(
            method, url + (url.contains("?") ? "&" : "?") + "pad=" + "p".repeat(65_536), validBody),
        414);
    expectStatus(
        name + " with 20 KiB of headers",
        raw.send(method, url, admin(), validBody, Map.of("X-Padding", "p".repeat(20_000))),
        431);
    requests += 2;
    if (!body.isEmpty()) {
      walkBody(
          name,
          method,
          url,
          body,
          Boolean.TRUE.equals(map(operation.get("requestBody")).get("required")));
    }
  }

  private void walkPathParameter(
      String name,
      String method,
      String template,
      List<Map<String, Object>> parameters,
      Map<String, Object> parameter,
      String body) {
    String field = String.valueOf(parameter.get("name"));
    Map<String, Object> schema = map(parameter.get("schema"));
    for (String value : UNSAFE_IN_URLS) {
      expectNamed(
          name + " path " + field + "=" + value,
          send(method, url(template, parameters, field, value), body),
          field);
    }
    for (String value : OUTSIDE_PATTERNS_IN_URLS) {
      Answer answer = send(method, url(template, parameters, field, value), body);
      if (schema.containsKey("pattern") && !value.contains("%2F")) {
        expectNamed(name + " path " + field + "=" + value, answer, field);
      } else {
        expectClientError(name + " path " + field + "=" + value, answer);
      }
    }
  }

  private void walkQueryParameter(
      String name,
      String method,
      String template,
      List<Map<String, Object>> parameters,
      Map<String, Object> parameter,
      String body) {
    String field = String.valueOf(parameter.get("name"));
    Map<String, Object> schema = map(parameter.get("schema"));
    List<String> bad = new ArrayList<>(UNSAFE_IN_URLS);
    switch (String.valueOf(schema.get("type"))) {
      case "integer" -> bad.addAll(List.of("abc", "1.9", "99999999999999999999", "-1"));
      case "boolean" -> bad.add("maybe");
      default -> {
        if (schema.containsKey("pattern")) {
          bad.addAll(OUTSIDE_PATTERNS_IN_URLS);
        }
        if (schema.containsKey("maxLength")) {
          bad.add("x".repeat(((Number) schema.get("maxLength")).intValue() + 1));
        }
      }
    }
    if (schema.containsKey("minimum")
        && "-1".equals(bad.get(bad.size() - 1))
        && ((Number) schema.get("minimum")).intValue() < 0) {
      bad.remove("-1");
    }
    for (String value : bad) {
      expectNamed(
          name + " query " + field + "=" + value,
          send(method, url(template, parameters, field, value), body),
          field);
    }
    if (Boolean.TRUE.equals(parameter.get("required"))) {
      expectNamed(
          name + " without query " + field,
          send(method, url(template, parameters, field, null), body),
          field);
    }
  }

  private void walkBody(
      String name, String method, String url, Map<String, Object> schema, boolean required) {
    for (String malformed :
        List.of(
            "{",
            "{}xyz",
            "[]",
            "\"text\"",
            "{\"a\":1,\"a\":2}",
            "null",
            "",
            "   ",
            "[".repeat(10_000) + "]".repeat(10_000))) {
      if (malformed.isEmpty() && !required) {
        continue; // an optional body left out
      }
      Answer answer = send(method, url, malformed);
      String what =
          name
              + " body "
              + (malformed.length() > 20 ? "nested 10,000 deep" : "'" + malformed + "'");
      if (malformed.startsWith("{\"a\"")) {
        expectNamed(what, answer, "a");
      } else {
        expectNamed(what, answer, "body");
      }
    }
    if (!Boolean.TRUE.equals(schema.get("additionalProperties"))) {
      // A body documented as any object (an item) has no unknown member.
      expectNamed(
          name + " body with an unknown member",
          send(method, url, "{\"unexpectedMember\":1}"),
          "unexpectedMember");
    }
    Map<String, Object> properties = map(schema.get("properties"));
    List<Object> requiredProperties = list(schema.get("required"));
    Answer empty = send(method, url, "{}");
    for (String property : properties.keySet()) {
      if (requiredProperties.contains(property)) {
        expectNamed(name + " body without required " + property, empty, property);
      } else if (empty.names(property)) {
        faults.add(name + " body without optional " + property + ": " + empty.body());
      }
    }
    properties.forEach(
        (property, propertySchema) ->
            walkProperty(name, method, url, property, resolve(map(propertySchema))));
  }

  private void walkProperty(
      String name, String method, String url, String property, Map<String, Object> schema) {
    if ("true".equals(String.valueOf(schema.get("x-any-value")))) {
      return; // documented as any JSON value (the data a schema checks): no value is the wrong type
    }
    String type =
        String.valueOf(
            schema.getOrDefault("type", schema.containsKey("enum") ? "string" : "object"));
    List<String> values = new ArrayList<>();
    switch (type) {
      case "string" -> {
        values.addAll(List.of("123", "true", "[]", "{}"));
        values.add(quoted(MEGABYTE));
        if (schema.get("maxLength") instanceof Number max) {
          values.add(quoted("x".repeat(max.intValue() + 1)));
        } else if (!schema.containsKey("enum")) {
          faults.add(name + " body " + property + ": a string without maxLength");
        }
        if (!"password".equals(schema.get("format"))) {
          UNSAFE_TEXT.forEach(text -> values.add(quoted(text)));
        }
        if (schema.containsKey("pattern")
            || schema.containsKey("enum")
            || schema.containsKey("format") && !"password".equals(schema.get("format"))) {
          OUTSIDE_PATTERNS.forEach(text -> values.add(quoted(text)));
        }
      }
      case "integer" ->
          values.addAll(List.of("1.9", "\"1\"", "[7]", "true", "99999999999999999999"));
      case "number" -> values.addAll(List.of("\"1\"", "[7]", "true"));
      case "boolean" -> values.addAll(List.of("\"true\"", "1", "[true]"));
      case "array" -> {
        values.addAll(List.of("{}", "\"x\"", "7"));
        Map<String, Object> items = resolve(map(schema.get("items")));
        if (schema.get("maxItems") instanceof Number max) {
          // Elements of the right type, so that the list's length is what is at fault.
          String element =
              switch (String.valueOf(items.get("type"))) {
                case "string" -> "\"walk-name\"";
                case "object" -> "{}";
                default -> "1";
              };
          values.add(
              "["
                  + String.join(",", java.util.Collections.nCopies(max.intValue() + 1, element))
                  + "]");
        } else {
          faults.add(name + " body " + property + ": a list without maxItems");
        }
        if ("string".equals(items.get("type"))
            && !items.containsKey("maxLength")
            && !items.containsKey("enum")) {
          faults.add(name + " body " + property + "[]: a string without maxLength");
        }
        if (!items.isEmpty()) {
          String element = property + "[0]";
          expectNamed(
              name + " body " + element + "=null",
              send(method, url, "{\"" + property + "\":[null]}"),
              element);
          if ("string".equals(items.get("type"))) {
            for (String text : UNSAFE_TEXT) {
              expectNamed(
                  name + " body " + element + "=" + text,
                  send(method, url, "{\"" + property + "\":[" + quoted(text) + "]}"),
                  element);
            }
            expectNamed(
                name + " body " + element + " 1 MB",
                send(method, url, "{\"" + property + "\":[" + quoted(MEGABYTE) + "]}"),
                element);
          }
        }
      }
      default -> values.addAll(List.of("\"x\"", "7", "[]"));
    }
    for (String value : values) {
      String shown = value.length() > 40 ? "a value of " + value.length() + " characters" : value;
      expectNamed(
          name + " body " + property + "=" + shown,
          send(method, url, "{\"" + property + "\":" + value + "}"),
          property);
    }
  }

  private Answer send(String method, String url, String body) {
    requests++;
    return raw.send(method, url, admin(), body);
  }

  private void expectNamed(String what, Answer answer, String field) {
    if (answer.status() != 400 || !answer.isProblem() || !answer.names(field)) {
      faults.add(
          what
              + ": expected 400 naming "
              + field
              + ", got "
              + answer.status()
              + " "
              + shorten(answer.body()));
    }
  }

  private void expectClientError(String what, Answer answer) {
    if (answer.status() < 400 || answer.status() >= 500 || !answer.isProblem()) {
      faults.add(
          what + ": expected a 4xx problem, got " + answer.status() + " " + shorten(answer.body()));
    }
  }

  private void expectStatus(String what, Answer answer, int status) {
    if (answer.status() != status || !answer.isProblem()) {
      faults.add(
          what
              + ": expected a "
              + status
              + " problem, got "
              + answer.status()
              + " "
              + shorten(answer.body()));
    }
  }

  /**
   * The operation's URL with valid-looking values for every parameter but {@code field}, which gets
   * {@code value} as written (already URL-encoded), or is left out when {@code value} is null.
   */
  private static String url(
      String template, List<Map<String, Object>> parameters, String field, String value) {
    String path = template;
    StringBuilder query = new StringBuilder();
    for (Map<String, Object> parameter : parameters) {
      String name = String.valueOf(parameter.get("name"));
      String given = name.equals(field) ? value : sample(map(parameter.get("schema")));
      if ("path".equals(parameter.get("in"))) {
        path = path.replace("{" + name + "}", given == null ? "x" : given);
      } else if ("query".equals(parameter.get("in"))
          && given != null
          && (name.equals(field) || Boolean.TRUE.equals(parameter.get("required")))) {
        query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(given);
      }
    }
    return path + query;
  }

  private static String sample(Map<String, Object> schema) {
    return switch (String.valueOf(schema.get("type"))) {
      case "integer" -> "1";
      case "boolean" -> "true";
      default -> "walk-name";
    };
  }

  private Map<String, Object> bodySchema(Map<String, Object> operation) {
    Map<String, Object> content = map(map(operation.get("requestBody")).get("content"));
    return resolve(map(map(content.get("application/json")).get("schema")));
  }

  private Map<String, Object> resolve(Map<String, Object> schema) {
    if (schema.get("$ref") instanceof String ref) {
      return resolve(
          map(
              map(map(document.get("components")).get("schemas"))
                  .get(ref.substring(ref.lastIndexOf('/') + 1))));
    }
    if (schema.get("allOf") instanceof List<?> all && all.size() == 1) {
      return resolve(map(all.get(0)));
    }
    return schema;
  }

  private String admin() {
    return tokens
        .generateToken(
            Map.of(
                "sub", "walk-admin",
                "roles", List.of(Roles.ADMIN, Roles.USER),
                "email", "walk-admin@example.org",
                "exp", Instant.now().plusSeconds(300).getEpochSecond(),
                "jti", UUID.randomUUID().toString()))
        .orElseThrow();
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  private static String shorten(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object value) {
    return value instanceof List<?> list ? (List<T>) list : List.of();
  }
}

package io.brmh.scrapeworker.describe;

import com.fasterxml.jackson.databind.JsonNode;
import io.brmh.platform.json.ExactJson;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Postman collections v2.0 and v2.1: every request of every folder becomes a method, named as
 * in the collection, its folders as tags. The most common origin of the requests is the API's base
 * URL; {@code {{variables}}} of the collection are filled in, others stay as written. A collection
 * has no schemas.
 */
final class PostmanReader {
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{([^{}]+)}}");
  private static final Pattern PATH_VARIABLE = Pattern.compile("(?<=/):([A-Za-z_][A-Za-z0-9_]*)");

  /** Whether the tree is a Postman collection of format 2. */
  static boolean recognises(JsonNode tree) {
    return tree.path("info").path("schema").asText("").contains("getpostman.com/json/collection/v2")
        && tree.path("item").isArray();
  }

  ImportedApi read(URI source, byte[] body, JsonNode tree) {
    Map<String, String> variables = new HashMap<>();
    for (JsonNode variable : tree.path("variable")) {
      variables.put(variable.path("key").asText(), variable.path("value").asText(""));
    }
    List<Request> requests = new ArrayList<>();
    collect(tree.path("item"), List.of(), variables, requests);
    Map<String, Integer> origins = new LinkedHashMap<>();
    requests.forEach(request -> origins.merge(request.origin(), 1, Integer::sum));
    String base =
        origins.entrySet().stream()
            .filter(entry -> !entry.getKey().isEmpty())
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(source.resolve("/").toString().replaceAll("/$", ""));
    List<ImportedMethod> methods = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Request request : requests) {
      String key = String.join("/", request.folders()) + "/" + request.name();
      int occurrence = seen.merge(key, 1, Integer::sum);
      methods.add(request.toMethod(occurrence == 1 ? key : key + "#" + occurrence, base));
    }
    JsonNode info = tree.path("info");
    return new ImportedApi(
        tree.path("info").path("schema").asText().contains("v2.0") ? "postman-2.0" : "postman-2.1",
        source,
        DescriptionTrees.sha256(body),
        info.path("name").asText(source.getHost()),
        info.path("version").isTextual() ? info.path("version").asText() : null,
        description(info.path("description")),
        List.of(base),
        methods,
        List.of(),
        List.of());
  }

  private static String description(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    return node.path("content").isTextual() ? node.path("content").asText() : null;
  }

  private void collect(
      JsonNode items, List<String> folders, Map<String, String> variables, List<Request> into) {
    for (JsonNode item : items) {
      String name = item.path("name").asText("request");
      if (item.path("item").isArray()) {
        List<String> inner = new ArrayList<>(folders);
        inner.add(name);
        collect(item.path("item"), inner, variables, into);
      } else if (item.has("request")) {
        into.add(Request.of(name, folders, item, variables));
      }
    }
  }

  /** One request of the collection, its URL split into origin, path and query. */
  private record Request(
      String name,
      List<String> folders,
      String method,
      String origin,
      String path,
      List<Map<String, Object>> query,
      List<Map<String, Object>> headers,
      List<Map<String, Object>> parameters,
      Object sampleRequest,
      Object sampleResponse,
      String description) {

    static Request of(
        String name, List<String> folders, JsonNode item, Map<String, String> variables) {
      JsonNode request = item.path("request");
      JsonNode url = request.isTextual() ? request : request.path("url");
      String raw = fill(url.isTextual() ? url.asText() : url.path("raw").asText(""), variables);
      String withoutQuery = raw.contains("?") ? raw.substring(0, raw.indexOf('?')) : raw;
      String origin = "";
      String path = withoutQuery;
      Matcher absolute = Pattern.compile("^(https?://[^/]+)(.*)$").matcher(withoutQuery);
      if (absolute.matches()) {
        origin = absolute.group(1);
        path = absolute.group(2).isEmpty() ? "/" : absolute.group(2);
      }
      List<Map<String, Object>> parameters = new ArrayList<>();
      Matcher pathVariable = PATH_VARIABLE.matcher(path);
      path = pathVariable.replaceAll("{$1}");
      for (Matcher named = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(path);
          named.find(); ) {
        parameters.add(parameter(named.group(1), "path", true));
      }
      List<Map<String, Object>> query = new ArrayList<>();
      for (JsonNode entry : url.path("query")) {
        if (!entry.path("disabled").asBoolean(false)) {
          addIfListed(query, entry.path("key").asText(), entry.path("value").asText(""));
          parameters.add(parameter(entry.path("key").asText(), "query", false));
        }
      }
      if (!url.has("query") && raw.contains("?")) {
        for (String pair : raw.substring(raw.indexOf('?') + 1).split("&")) {
          String[] parts = pair.split("=", 2);
          addIfListed(query, parts[0], parts.length > 1 ? parts[1] : "");
          parameters.add(parameter(parts[0], "query", false));
        }
      }
      List<Map<String, Object>> headers = new ArrayList<>();
      for (JsonNode header : request.path("header")) {
        String key = header.path("key").asText();
        if (header.path("disabled").asBoolean(false) || key.isEmpty()) {
          continue;
        }
        parameters.add(parameter(key, "header", false));
        addIfListed(headers, key, header.path("value").asText(""));
      }
      String method = request.path("method").asText("GET").toUpperCase(Locale.ROOT);
      Object sampleResponse = null;
      for (JsonNode response : item.path("response")) {
        sampleResponse = json(response.path("body").asText(null));
        if (sampleResponse != null) {
          break;
        }
      }
      return new Request(
          name,
          folders,
          method,
          origin,
          path,
          query,
          headers,
          parameters,
          json(request.path("body").path("raw").asText(null)),
          sampleResponse,
          PostmanReader.description(request.path("description")));
    }

    ImportedMethod toMethod(String key, String base) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put(MethodFields.NAME, name);
      data.put(MethodFields.TYPE, method);
      data.put(MethodFields.URL, origin.equals(base) || origin.isEmpty() ? path : origin + path);
      data.put(MethodFields.QUERY, query);
      data.put(MethodFields.HEADERS, headers);
      data.put(MethodFields.PARAMETERS, parameters);
      if (sampleRequest != null) {
        data.put(MethodFields.SAMPLE_REQUEST, sampleRequest);
      }
      if (sampleResponse != null) {
        data.put(MethodFields.SAMPLE_RESPONSE, sampleResponse);
      }
      if (description != null) {
        data.put(MethodFields.DESCRIPTION, description);
      }
      data.put(MethodFields.TAGS, folders);
      return new ImportedMethod(key, data);
    }

    private static String fill(String text, Map<String, String> variables) {
      return VARIABLE
          .matcher(text)
          .replaceAll(
              match ->
                  Matcher.quoteReplacement(
                      variables.getOrDefault(match.group(1).strip(), match.group())));
    }

    /** A JSON body as plain values, or null when it is none. */
    private static Object json(String text) {
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return ExactJson.readPlain(text);
      } catch (IOException | RuntimeException notJson) {
        return null;
      }
    }

    private static Map<String, Object> parameter(String name, String in, boolean required) {
      Map<String, Object> described = new LinkedHashMap<>();
      described.put("name", name);
      described.put("in", in);
      described.put("required", required);
      return described;
    }

    private static void addIfListed(List<Map<String, Object>> into, String key, String value) {
      Map<String, Object> listed = MethodFields.keyValue(key, value);
      if (listed != null) {
        into.add(listed);
      }
    }
  }
}

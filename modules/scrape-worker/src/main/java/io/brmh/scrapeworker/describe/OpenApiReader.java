package io.brmh.scrapeworker.describe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.platform.json.ExactJson;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads OpenAPI 3.0 and 3.1 and Swagger 2.0 descriptions (JSON or YAML) with swagger-parser, which
 * turns Swagger 2.0 into OpenAPI 3 first. Documents the description refers to are gathered first by
 * {@link ExternalReferences}; the parser reads only those copies.
 */
final class OpenApiReader {
  private final ExternalReferences references;

  OpenApiReader(ExternalReferences references) {
    this.references = references;
  }

  /** Whether the tree is an OpenAPI or Swagger description. */
  static boolean recognises(JsonNode tree) {
    return tree.path("openapi").isTextual() || tree.path("swagger").isTextual();
  }

  ImportedApi read(URI source, byte[] body, JsonNode tree, Runnable beforeFetch) {
    String swagger = tree.path("swagger").asText(null);
    if (swagger != null && !swagger.startsWith("2.")) {
      throw ImportProblem.invalid("Swagger " + swagger + " is not read; 2.0 and OpenAPI 3 are.");
    }
    List<String> servers = servers(source, tree);
    Path directory = null;
    try {
      directory = Files.createTempDirectory("brmh-import-");
      references.gather(source, tree, directory, beforeFetch);
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      SwaggerParseResult parsed =
          new OpenAPIParser()
              .readLocation(
                  directory.resolve(ExternalReferences.ROOT).toAbsolutePath().toString(),
                  null,
                  options);
      OpenAPI api = parsed.getOpenAPI();
      if (api == null) {
        throw ImportProblem.invalid(
            "The description could not be read: "
                + String.join("; ", messages(parsed).stream().limit(10).toList()));
      }
      return toImportedApi(source, body, swagger != null, api, servers, messages(parsed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(directory);
    }
  }

  private static List<String> messages(SwaggerParseResult parsed) {
    return parsed.getMessages() == null ? List.of() : parsed.getMessages();
  }

  private ImportedApi toImportedApi(
      URI source,
      byte[] body,
      boolean swagger2,
      OpenAPI api,
      List<String> servers,
      List<String> warnings) {
    ObjectMapper writer = api.getSpecVersion() == SpecVersion.V31 ? Json31.mapper() : Json.mapper();
    String format =
        swagger2
            ? "swagger-2.0"
            : api.getSpecVersion() == SpecVersion.V31 ? "openapi-3.1" : "openapi-3.0";
    List<ImportedSchema> schemas = new ArrayList<>();
    if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
      api.getComponents()
          .getSchemas()
          .forEach((name, schema) -> schemas.add(new ImportedSchema(name, plain(writer, schema))));
    }
    List<ImportedMethod> methods = new ArrayList<>();
    if (api.getPaths() != null) {
      api.getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach(
                          (verb, operation) ->
                              methods.add(method(writer, api, path, item, verb, operation))));
    }
    var info = api.getInfo();
    return new ImportedApi(
        format,
        source,
        DescriptionTrees.sha256(body),
        info != null && info.getTitle() != null ? info.getTitle() : source.getHost(),
        info == null ? null : info.getVersion(),
        info == null ? null : info.getDescription(),
        servers,
        methods,
        schemas,
        warnings);
  }

  private static ImportedMethod method(
      ObjectMapper writer,
      OpenAPI api,
      String path,
      PathItem item,
      PathItem.HttpMethod verb,
      Operation operation) {
    String type = verb.name().toUpperCase(Locale.ROOT);
    String key = type + " " + path;
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(
        MethodFields.NAME, operation.getOperationId() != null ? operation.getOperationId() : key);
    data.put(MethodFields.TYPE, type);
    data.put(MethodFields.URL, path);
    List<Map<String, Object>> query = new ArrayList<>();
    List<Map<String, Object>> headers = new ArrayList<>();
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (Parameter parameter : parameters(api, item, operation)) {
      Map<String, Object> described = new LinkedHashMap<>();
      described.put("name", parameter.getName());
      described.put("in", parameter.getIn());
      described.put("required", Boolean.TRUE.equals(parameter.getRequired()));
      if (parameter.getDescription() != null) {
        described.put("description", parameter.getDescription());
      }
      if (parameter.getSchema() != null) {
        described.put("schema", plain(writer, parameter.getSchema()));
      }
      parameters.add(described);
      Map<String, Object> listed =
          MethodFields.keyValue(parameter.getName(), sampleValue(parameter));
      if (listed != null && "query".equals(parameter.getIn())) {
        query.add(listed);
      } else if (listed != null && "header".equals(parameter.getIn())) {
        headers.add(listed);
      }
    }
    data.put(MethodFields.QUERY, query);
    data.put(MethodFields.HEADERS, headers);
    data.put(MethodFields.PARAMETERS, parameters);
    if (operation.getRequestBody() != null) {
      jsonSchema(operation.getRequestBody().getContent())
          .ifPresent(schema -> data.put(MethodFields.REQUEST_SCHEMA, plain(writer, schema)));
    }
    responseSchema(operation)
        .ifPresent(schema -> data.put(MethodFields.RESPONSE_SCHEMA, plain(writer, schema)));
    String description =
        operation.getSummary() != null ? operation.getSummary() : operation.getDescription();
    if (description != null) {
      data.put(MethodFields.DESCRIPTION, description);
    }
    data.put(
        MethodFields.TAGS,
        operation.getTags() == null ? List.of() : List.copyOf(operation.getTags()));
    return new ImportedMethod(key, data);
  }

  /**
   * The path's parameters, then the operation's, which replace a path one of the same name and
   * place.
   */
  private static List<Parameter> parameters(OpenAPI api, PathItem item, Operation operation) {
    Map<String, Parameter> byPlace = new LinkedHashMap<>();
    Stream.concat(
            item.getParameters() == null ? Stream.empty() : item.getParameters().stream(),
            operation.getParameters() == null ? Stream.empty() : operation.getParameters().stream())
        .map(parameter -> dereferenced(api, parameter))
        .filter(parameter -> parameter.getName() != null)
        .forEach(
            parameter -> byPlace.put(parameter.getIn() + "/" + parameter.getName(), parameter));
    return List.copyOf(byPlace.values());
  }

  private static Parameter dereferenced(OpenAPI api, Parameter parameter) {
    String ref = parameter.get$ref();
    if (ref == null || api.getComponents() == null || api.getComponents().getParameters() == null) {
      return parameter;
    }
    Parameter target =
        api.getComponents().getParameters().get(ref.substring(ref.lastIndexOf('/') + 1));
    return target != null ? target : parameter;
  }

  private static java.util.Optional<Schema<?>> responseSchema(Operation operation) {
    if (operation.getResponses() == null) {
      return java.util.Optional.empty();
    }
    return operation.getResponses().entrySet().stream()
        .filter(entry -> entry.getKey().startsWith("2") || entry.getKey().equals("default"))
        .sorted(
            Comparator.comparing(entry -> entry.getKey().equals("default") ? "9" : entry.getKey()))
        .map(Map.Entry::getValue)
        .map(ApiResponse::getContent)
        .map(OpenApiReader::jsonSchema)
        .flatMap(java.util.Optional::stream)
        .findFirst();
  }

  /** The schema of the JSON content, or of the first content when none is JSON. */
  private static java.util.Optional<Schema<?>> jsonSchema(Content content) {
    if (content == null || content.isEmpty()) {
      return java.util.Optional.empty();
    }
    MediaType chosen =
        content.entrySet().stream()
            .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).contains("json"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(content.values().iterator().next());
    @SuppressWarnings("unchecked")
    Schema<?> schema = chosen == null ? null : (Schema<?>) chosen.getSchema();
    return java.util.Optional.ofNullable(schema);
  }

  private static String sampleValue(Parameter parameter) {
    Object sample = parameter.getExample();
    if (sample == null && parameter.getSchema() != null) {
      sample = parameter.getSchema().getDefault();
    }
    return sample == null ? "" : String.valueOf(sample);
  }

  /** A parser model object as plain JSON values, numbers with every digit. */
  private static Object plain(ObjectMapper writer, Object model) {
    try {
      return ExactJson.readPlain(writer.writeValueAsString(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the parser's model always writes as JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The API's base URLs: OpenAPI 3's {@code servers} (relative ones against the description's
   * address, variables at their defaults), or Swagger 2.0's scheme, host and base path.
   */
  static List<String> servers(URI source, JsonNode tree) {
    List<String> servers = new ArrayList<>();
    if (tree.has("swagger")) {
      String host = tree.path("host").asText(source.getRawAuthority());
      String scheme =
          tree.path("schemes").isArray() && tree.path("schemes").size() > 0
              ? tree.path("schemes").get(0).asText()
              : source.getScheme();
      servers.add(scheme + "://" + host + tree.path("basePath").asText(""));
    } else {
      for (JsonNode server : tree.path("servers")) {
        String url = server.path("url").asText("");
        for (var variables = server.path("variables").fields(); variables.hasNext(); ) {
          var variable = variables.next();
          url =
              url.replace(
                  "{" + variable.getKey() + "}", variable.getValue().path("default").asText(""));
        }
        try {
          servers.add(source.resolve(url).toString());
        } catch (IllegalArgumentException unusable) {
          // a server URL that is no URL cannot be called; the others can
        }
      }
    }
    if (servers.isEmpty()) {
      servers.add(source.resolve("/").toString());
    }
    return servers.stream().map(OpenApiReader::withoutTrailingSlash).distinct().toList();
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is removed with the others by the system
    }
  }
}

package io.brmh.gateway.openapi;

import io.brmh.platform.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes one operation of the generated document with what every BRMH route does alike: its
 * security statement, the problem body on every error answer, the errors every route of its kind
 * can give, the {@code Location} and {@code Retry-After} headers of a job's 202, and parameters
 * with a default marked optional.
 */
final class OperationContract {
  static final String PROBLEM_REF = "#/components/schemas/Problem";
  static final String JOB_REF = "#/components/schemas/Job";
  static final String ROLES_EXTENSION = "x-brmh-roles";

  private OperationContract() {}

  @SuppressWarnings("unchecked")
  static void finish(Map<String, Object> operation, RouteAccess.Access access) {
    operation.put("operationId", access.operationId());
    operation.put("security", security(access));
    if (access.isRestricted()) {
      operation.put(ROLES_EXTENSION, access.roles());
    }
    List<Map<String, Object>> parameters =
        (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
    parameters.forEach(OperationContract::optionalWhenDefaulted);
    Map<String, Object> responses =
        (Map<String, Object>) operation.computeIfAbsent("responses", k -> new LinkedHashMap<>());
    if (!parameters.isEmpty() || operation.containsKey("requestBody")) {
      responses.putIfAbsent("400", description("Invalid input; errors name each field at fault"));
    }
    if (!access.isPublic()) {
      responses.putIfAbsent("401", description("No valid token (or API key)"));
    }
    if (access.isRestricted()) {
      responses.putIfAbsent("403", description("The caller lacks the role: " + access.roles()));
    }
    responses.forEach((code, response) -> finishResponse(code, (Map<String, Object>) response));
  }

  private static List<Map<String, List<String>>> security(RouteAccess.Access access) {
    if (access.isPublic()) {
      return List.of();
    }
    List<Map<String, List<String>>> security = new ArrayList<>();
    security.add(Map.of("bearerAuth", List.of()));
    if (access.acceptsApiKeys()) {
      security.add(Map.of("apiKey", List.of()));
    }
    return security;
  }

  /** A query parameter with a default is optional, whatever the generator said. */
  @SuppressWarnings("unchecked")
  private static void optionalWhenDefaulted(Map<String, Object> parameter) {
    Object schema = parameter.get("schema");
    if ("query".equals(parameter.get("in"))
        && schema instanceof Map<?, ?> typed
        && typed.containsKey("default")) {
      parameter.put("required", false);
    }
  }

  private static void finishResponse(String code, Map<String, Object> response) {
    if (isError(code)) {
      response.put(
          "content", Map.of(Problem.MEDIA_TYPE, Map.of("schema", Map.of("$ref", PROBLEM_REF))));
    } else if (code.equals("202") && isJob(response)) {
      response.put(
          "headers",
          Map.of(
              "Location",
              header("The job: /jobs/{id}"),
              "Retry-After",
              header("Seconds to wait before polling the job")));
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean isJob(Map<String, Object> response) {
    Object content = response.get("content");
    if (!(content instanceof Map<?, ?> types)) {
      return false;
    }
    Object json = types.get("application/json");
    return json instanceof Map<?, ?> body
        && body.get("schema") instanceof Map<?, ?> schema
        && JOB_REF.equals(schema.get("$ref"));
  }

  private static boolean isError(String code) {
    return code.equals("default") || code.startsWith("4") || code.startsWith("5");
  }

  private static Map<String, Object> description(String text) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("description", text);
    return response;
  }

  private static Map<String, Object> header(String description) {
    return Map.of("description", description, "schema", Map.of("type", "string"));
  }
}

package io.brmh.platform.unified;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method or account of a namespace: the original's {@code data} as the client wrote it (sealed
 * values shown masked), and the sealed credentials apart.
 *
 * @param data the original's fields, hyphenated ({@code namespace-method-name}, …)
 * @param sealed sealed credential values by their place ({@code namespace-account-header/<key>})
 * @param version moves on every change; an update names the version it changes ({@code If-Match})
 */
public record NamespaceEntity(
    String id,
    EntityKind kind,
    String namespaceId,
    Map<String, Object> data,
    Map<String, String> sealed,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /** The strong entity tag of this version. */
  public String etag() {
    return "\"" + version + "\"";
  }

  /** The answer, as the original returned its items: the data plus {@code id}. */
  public Map<String, Object> view() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put(kind.idField(), id);
    view.put("namespace-id", namespaceId);
    view.putAll(data);
    view.put("version", version);
    view.put("created-at", createdAt.toString());
    view.put("updated-at", updatedAt.toString());
    return view;
  }
}

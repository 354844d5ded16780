package io.brmh.scrapeworker;

import io.brmh.scrapeworker.describe.ImportedApi;
import io.brmh.scrapeworker.describe.ImportedMethod;
import io.brmh.scrapeworker.describe.ImportedSchema;
import io.brmh.scrapeworker.describe.MethodFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a description holds, as a job's result: the description itself, and every method and schema
 * an import would make (lists stop at {@value #LISTED}; the counts go on), so a user sees what they
 * get before saving it.
 */
final class Previews {
  static final int LISTED = 500;
  private static final int LONGEST_DESCRIPTION = 4000;
  private static final int WARNINGS = 50;

  private Previews() {}

  /** The description's own facts, which every import's result starts with. */
  static Map<String, Object> source(ImportedApi api) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("url", api.source().toString());
    source.put("format", api.format());
    source.put("contentHash", api.contentHash());
    source.put("title", api.title());
    source.put("version", api.version());
    source.put("servers", api.servers().stream().limit(10).toList());
    return source;
  }

  static Map<String, Object> of(ImportedApi api) {
    Map<String, Object> preview = new LinkedHashMap<>();
    String description = api.description();
    preview.put(
        "description",
        description == null || description.length() <= LONGEST_DESCRIPTION
            ? description
            : description.substring(0, LONGEST_DESCRIPTION) + "…");
    preview.put("methodCount", api.methods().size());
    preview.put("methods", api.methods().stream().limit(LISTED).map(Previews::method).toList());
    preview.put("schemaCount", api.schemas().size());
    preview.put("schemas", api.schemas().stream().limit(LISTED).map(ImportedSchema::name).toList());
    preview.put(
        "warnings",
        api.warnings().stream()
            .limit(WARNINGS)
            .map(w -> w.length() > 300 ? w.substring(0, 300) + "…" : w)
            .toList());
    return preview;
  }

  private static Map<String, Object> method(ImportedMethod method) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("key", method.key());
    shown.put("name", method.name());
    shown.put("type", method.data().get(MethodFields.TYPE));
    shown.put("url", method.data().get(MethodFields.URL));
    shown.put("parameters", ((List<?>) method.data().get(MethodFields.PARAMETERS)).size());
    return shown;
  }
}

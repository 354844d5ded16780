package io.brmh.scrapeworker.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gathers a description and every document its {@code $ref}s reach into a directory of its own,
 * each fetched through the {@link DocumentFetcher} and written under a name BRMH chooses ({@code
 * doc-3.json}), with the references rewritten to those names. The parser then reads only that
 * directory: it never fetches an address itself, and nothing a description says becomes a path.
 */
final class ExternalReferences {
  static final String ROOT = "doc-0.json";

  /** The most bytes one description may gather, itself and what it refers to. */
  static final long MAX_TOTAL_BYTES = 32L << 20;

  private final DocumentFetcher fetcher;
  private final int maxDocuments;

  ExternalReferences(DocumentFetcher fetcher, int maxDocuments) {
    this.fetcher = fetcher;
    this.maxDocuments = maxDocuments;
  }

  /**
   * Writes the description and what it refers to into {@code directory}.
   *
   * @return how many documents beside the root were fetched
   * @throws ImportProblem when a reference is not http(s), cannot be fetched or read, or there are
   *     more than the limit
   */
  int gather(URI rootUri, JsonNode root, Path directory, Runnable beforeFetch) {
    Gathering gathering = new Gathering(beforeFetch);
    gathering.names.put(withoutFragment(rootUri), ROOT);
    gathering.pending.add(Map.entry(withoutFragment(rootUri), root));
    while (!gathering.pending.isEmpty()) {
      Map.Entry<URI, JsonNode> document = gathering.pending.poll();
      rewrite(document.getValue(), document.getKey(), gathering);
      write(directory.resolve(gathering.names.get(document.getKey())), document.getValue());
    }
    return gathering.names.size() - 1;
  }

  /** One description's gathering: the names given, the documents still to read, the bytes read. */
  private static final class Gathering {
    final Runnable beforeFetch;
    final Map<URI, String> names = new LinkedHashMap<>();
    final Deque<Map.Entry<URI, JsonNode>> pending = new ArrayDeque<>();
    long bytes;

    Gathering(Runnable beforeFetch) {
      this.beforeFetch = beforeFetch;
    }
  }

  private void rewrite(JsonNode node, URI base, Gathering gathering) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
        object.set("$ref", new TextNode(localName(ref.asText(), base, gathering)));
      }
      // OpenAPI 3.1 resolves references against a schema's $id: without it, only against the
      // document, which is this directory's copy.
      if (object.path("$id").isTextual()) {
        object.remove("$id");
      }
      // A discriminator's mapping names schemas by reference too, and the parser follows it.
      JsonNode mapping = object.path("discriminator").path("mapping");
      if (mapping.isObject()) {
        ObjectNode targets = (ObjectNode) mapping;
        for (Iterator<Map.Entry<String, JsonNode>> entries = targets.fields();
            entries.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = entries.next();
          String target = entry.getValue().asText("");
          if (!target.startsWith("#") && target.matches(".*[/.:].*")) {
            entry.setValue(new TextNode(localName(target, base, gathering)));
          }
        }
      }
      for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
        rewrite(children.next(), base, gathering);
      }
    } else if (node.isArray()) {
      node.forEach(child -> rewrite(child, base, gathering));
    }
  }

  private String localName(String reference, URI base, Gathering gathering) {
    int hash = reference.indexOf('#');
    String address = hash < 0 ? reference : reference.substring(0, hash);
    String fragment = hash < 0 ? "" : reference.substring(hash);
    URI target;
    try {
      target = withoutFragment(base.resolve(new URI(address)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw ImportProblem.invalid("The reference " + reference + " is not a valid address.");
    }
    if (!"http".equalsIgnoreCase(target.getScheme())
        && !"https".equalsIgnoreCase(target.getScheme())) {
      throw new ImportProblem(
          "outbound-refused",
          "Address refused",
          422,
          "The reference " + reference + " is not an http or https address.");
    }
    String name = gathering.names.get(target);
    if (name == null) {
      if (gathering.names.size() > maxDocuments) {
        throw ImportProblem.invalid(
            "The description refers to more than " + maxDocuments + " other documents.");
      }
      gathering.beforeFetch.run();
      DocumentFetcher.Fetched fetched = fetcher.fetch(target);
      gathering.bytes += fetched.body().length;
      if (gathering.bytes > MAX_TOTAL_BYTES) {
        throw ImportProblem.invalid(
            "The description and the documents it refers to pass "
                + (MAX_TOTAL_BYTES >> 20)
                + " MiB.");
      }
      JsonNode tree =
          DescriptionTrees.read(fetched.body())
              .orElseThrow(
                  () ->
                      ImportProblem.invalid(
                          "The document " + target + " referred to is neither JSON nor YAML."));
      name = "doc-" + gathering.names.size() + ".json";
      gathering.names.put(target, name);
      gathering.pending.add(Map.entry(target, tree));
    }
    return "./" + name + fragment;
  }

  private static URI withoutFragment(URI uri) {
    try {
      return new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void write(Path file, JsonNode tree) {
    try {
      Files.write(file, DescriptionTrees.JSON.writeValueAsBytes(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

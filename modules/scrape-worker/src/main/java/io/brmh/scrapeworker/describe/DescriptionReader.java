package io.brmh.scrapeworker.describe;

import com.fasterxml.jackson.databind.JsonNode;
import io.brmh.scrapeworker.ScrapeWorkerConfiguration;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns an address into the API description behind it: the document itself when it is one, or the
 * first of the descriptions an HTML page links or embeds that reads. Everything is fetched through
 * the {@link DocumentFetcher}.
 */
@Singleton
public class DescriptionReader {
  private final DocumentFetcher fetcher;
  private final OpenApiReader openApi;
  private final PostmanReader postman = new PostmanReader();
  private final HtmlDescriptionFinder html = new HtmlDescriptionFinder();
  private final int maxCandidates;

  DescriptionReader(DocumentFetcher fetcher, ScrapeWorkerConfiguration configuration) {
    this.fetcher = fetcher;
    this.openApi =
        new OpenApiReader(new ExternalReferences(fetcher, configuration.maxReferencedDocuments()));
    this.maxCandidates = configuration.maxLinkedCandidates();
  }

  /**
   * @throws ImportProblem when the address is refused or unreachable, or nothing there is a
   *     description BRMH reads
   */
  public ImportedApi read(URI address) {
    return read(address, () -> {});
  }

  /**
   * @param beforeFetch called before each document is fetched: a job stops or ends cancelled there
   */
  public ImportedApi read(URI address, Runnable beforeFetch) {
    beforeFetch.run();
    DocumentFetcher.Fetched fetched = fetcher.fetch(address);
    Optional<ImportedApi> direct = readDescription(fetched.uri(), fetched.body(), beforeFetch);
    if (direct.isPresent()) {
      return direct.get();
    }
    if (!HtmlDescriptionFinder.looksLikeHtml(fetched)) {
      throw ImportProblem.noDescription(
          fetched.uri()
              + " is not an OpenAPI, Swagger or Postman description, nor an HTML page linking one.");
    }
    HtmlDescriptionFinder.Found found = html.find(fetched);
    for (String embedded : found.embedded()) {
      Optional<ImportedApi> api =
          readDescription(fetched.uri(), embedded.getBytes(StandardCharsets.UTF_8), beforeFetch);
      if (api.isPresent()) {
        return api.get();
      }
    }
    ImportProblem lastProblem = null;
    int tried = 0;
    for (URI link : found.links()) {
      if (tried++ == maxCandidates) {
        break;
      }
      beforeFetch.run();
      try {
        DocumentFetcher.Fetched linked = fetcher.fetch(link);
        Optional<ImportedApi> api = readDescription(linked.uri(), linked.body(), beforeFetch);
        if (api.isPresent()) {
          return api.get();
        }
      } catch (ImportProblem problem) {
        lastProblem = problem; // the next link may be the one
      }
    }
    throw ImportProblem.noDescription(
        "No API description found at "
            + fetched.uri()
            + (found.links().isEmpty()
                ? ": the page neither links nor embeds one."
                : ": none of the "
                    + Math.min(tried, found.links().size())
                    + " linked documents tried is one"
                    + (lastProblem == null ? "." : " (last: " + lastProblem.getMessage() + ").")));
  }

  private Optional<ImportedApi> readDescription(URI source, byte[] body, Runnable beforeFetch) {
    Optional<JsonNode> tree = DescriptionTrees.read(body);
    if (tree.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (OpenApiReader.recognises(tree.get())) {
        return Optional.of(openApi.read(source, body, tree.get(), beforeFetch));
      }
      if (PostmanReader.recognises(tree.get())) {
        return Optional.of(postman.read(source, body, tree.get()));
      }
    } catch (ImportProblem | UncheckedIOException problem) {
      throw problem; // a temporary directory that cannot be written is the machine's, retried
    } catch (RuntimeException broken) {
      // A parser tripping over a malformed description: the same bytes trip it every time.
      throw ImportProblem.invalid(
          "The description at " + source + " could not be read: " + broken.getMessage());
    }
    return Optional.empty();
  }
}

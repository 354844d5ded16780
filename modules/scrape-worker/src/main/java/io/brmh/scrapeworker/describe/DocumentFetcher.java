package io.brmh.scrapeworker.describe;

import io.brmh.platform.outbound.OutboundRefusedException;
import io.brmh.platform.outbound.OutboundRequest;
import io.brmh.platform.outbound.OutboundResponse;
import io.brmh.platform.outbound.SafeHttpClient;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;

/**
 * Fetches descriptions, the documents they refer to and the pages that link them, through the
 * outbound client alone, so every address is checked (and pinned) before a byte is sent and every
 * answer is bounded in size and time.
 */
@Singleton
public class DocumentFetcher {
  /** What a description or a page pointing at one comes as. */
  private static final String[] TAKEN_TYPES = {
    "application/json",
    "application/yaml",
    "application/x-yaml",
    "application/vnd.oai.openapi",
    "application/vnd.oai.openapi+json",
    "application/octet-stream",
    "application/xhtml+xml",
    "text/*"
  };

  private final SafeHttpClient client;

  DocumentFetcher(SafeHttpClient client) {
    this.client = client;
  }

  /**
   * @param uri where it was (after redirects)
   * @param contentType the media type, lower case, or null
   */
  public record Fetched(URI uri, String contentType, byte[] body) {}

  /**
   * @throws ImportProblem when the address is refused, cannot be reached, or answers with an error
   */
  public Fetched fetch(URI uri) {
    OutboundResponse answer;
    try {
      answer = client.send(OutboundRequest.get(uri, TAKEN_TYPES));
    } catch (OutboundRefusedException refused) {
      throw new ImportProblem(
          "outbound-refused", "Address refused", 422, uri + ": " + refused.getMessage());
    } catch (IOException unreachable) {
      throw new ImportProblem(
          "source-unreachable",
          "Source unreachable",
          502,
          uri + " could not be read: " + unreachable.getMessage());
    }
    if (answer.status() < 200 || answer.status() > 299) {
      throw new ImportProblem(
          "source-answered-error",
          "Source answered with an error",
          502,
          uri + " answered " + answer.status() + ".");
    }
    return new Fetched(answer.uri(), answer.contentType(), answer.body());
  }
}

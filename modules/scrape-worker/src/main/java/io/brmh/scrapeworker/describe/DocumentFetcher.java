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

  /** Tries of one document: a source briefly unavailable (429, 502-504, broken off) gets three. */
  static final int ATTEMPTS = 3;

  private static final long FIRST_PAUSE_MILLIS = 500;

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
    for (int attempt = 1; ; attempt++) {
      OutboundResponse answer;
      try {
        answer = client.send(OutboundRequest.get(uri, TAKEN_TYPES));
      } catch (OutboundRefusedException refused) {
        throw new ImportProblem(
            "outbound-refused", "Address refused", 422, uri + ": " + refused.getMessage());
      } catch (IOException unreachable) {
        if (attempt < ATTEMPTS) {
          pause(attempt);
          continue;
        }
        throw new ImportProblem(
            "source-unreachable",
            "Source unreachable",
            502,
            uri
                + " could not be read after "
                + ATTEMPTS
                + " attempts: "
                + unreachable.getMessage());
      }
      int status = answer.status();
      if (status >= 200 && status <= 299) {
        return new Fetched(answer.uri(), answer.contentType(), answer.body());
      }
      boolean passing = status == 429 || status == 502 || status == 503 || status == 504;
      if (passing && attempt < ATTEMPTS) {
        pause(attempt);
        continue;
      }
      throw new ImportProblem(
          "source-answered-error",
          "Source answered with an error",
          502,
          uri + " answered " + status + (passing ? " " + ATTEMPTS + " times." : "."));
    }
  }

  /** A short wait before trying a source that was briefly unavailable again. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(FIRST_PAUSE_MILLIS << (attempt - 1)); // the source asked for time, not the test
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      throw new io.brmh.platform.jobs.JobSteps.Stopped();
    }
  }
}

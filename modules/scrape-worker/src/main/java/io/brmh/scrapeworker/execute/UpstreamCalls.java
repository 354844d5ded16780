package io.brmh.scrapeworker.execute;

import io.brmh.platform.execute.MethodCall;
import io.brmh.platform.jobs.JobSteps;
import io.brmh.platform.outbound.OutboundRefusedException;
import io.brmh.platform.outbound.OutboundResponse;
import io.brmh.platform.outbound.SafeHttpClient;
import io.brmh.scrapeworker.describe.ImportProblem;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;

/**
 * Sends one page's call, through the outbound client, and tries again a bounded number of times
 * when the API asks it to wait (429, with {@code Retry-After} or a rate-limit reset header) or is
 * briefly unavailable (502, 503, 504, a broken connection). While it waits the job may still be
 * cancelled or stopped. Any other error answer ends the run: calling again would not change it.
 */
@Singleton
class UpstreamCalls {
  /** Tries of one page, the first included. */
  static final int ATTEMPTS = 6;

  private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(60);

  private final SafeHttpClient client;

  UpstreamCalls(SafeHttpClient client) {
    this.client = client;
  }

  /** An answer, and how many times the API made the call wait first. */
  record Outcome(OutboundResponse response, int retries) {}

  /**
   * @throws ImportProblem when the address is refused, the API keeps refusing past the attempts, or
   *     answers with an error that waiting does not change
   */
  Outcome send(MethodCall call, JobSteps steps) {
    Duration backoff = FIRST_PAUSE;
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Duration wait;
      try {
        OutboundResponse response = client.send(call.toRequest());
        int status = response.status();
        if (status < 400) {
          return new Outcome(response, attempt - 1);
        }
        if (status != 429 && status != 502 && status != 503 && status != 504) {
          throw new ImportProblem(
              "upstream-refused",
              "The API refused the call",
              502,
              call + " answered " + status + "; the run stopped there.");
        }
        last = call + " answered " + status;
        wait = Waits.requested(response).orElse(backoff);
      } catch (OutboundRefusedException refused) {
        throw new ImportProblem(
            "outbound-refused", "Address refused", 422, call + ": " + refused.getMessage());
      } catch (IOException broken) {
        last = call + " could not be read: " + broken.getMessage();
        wait = backoff;
      }
      backoff = min(backoff.multipliedBy(2), LONGEST_PAUSE);
      if (attempt < ATTEMPTS) {
        Waits.pause(min(wait, LONGEST_PAUSE), steps::checkpoint);
      }
    }
    throw new ImportProblem(
        "upstream-unavailable",
        "The API stayed unavailable",
        502,
        last + " after " + ATTEMPTS + " attempts; the run can be started again from here.");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}

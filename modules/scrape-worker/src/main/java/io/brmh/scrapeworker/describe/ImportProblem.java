package io.brmh.scrapeworker.describe;

import io.brmh.contracts.job.JobEvent;

/**
 * Why an import cannot be done, as its job reports it: the source is refused or unreachable, holds
 * no description, or the description is broken. Never retried: the same source gives the same
 * answer until someone changes it.
 */
public class ImportProblem extends RuntimeException {
  private final String type;
  private final String title;
  private final int status;

  public ImportProblem(String type, String title, int status, String detail) {
    super(detail);
    this.type = type;
    this.title = title;
    this.status = status;
  }

  public static ImportProblem noDescription(String detail) {
    return new ImportProblem("no-api-description-found", "No API description found", 422, detail);
  }

  public static ImportProblem invalid(String detail) {
    return new ImportProblem("invalid-api-description", "Invalid API description", 422, detail);
  }

  public JobEvent.Problem toJobProblem() {
    return new JobEvent.Problem("https://brmh.io/problems/" + type, title, status, getMessage());
  }

  public String type() {
    return type;
  }
}

package io.brmh.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem detail: the body of every BRMH error response, sent as {@code
 * application/problem+json}.
 *
 * @param type URI that identifies the kind of problem; {@code about:blank} when the status says it
 *     all
 * @param title short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong in this occurrence
 * @param instance the request path
 * @param errors the fields at fault, for invalid input
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable String instance,
    @Nullable List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String BLANK_TYPE = "about:blank";

  /** Base of BRMH's own problem type URIs. */
  public static final String TYPE_BASE = "https://brmh.io/problems/";

  /**
   * @param field the request field at fault, as a JSON path ({@code email}, {@code items[2].id}) or
   *     a query parameter name
   * @param message what is wrong with it
   */
  @Serdeable
  public record FieldError(String field, String message) {}
}

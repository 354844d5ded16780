package io.brmh.platform.search;

/** A search the engine will not run as asked, naming the request's field at fault. */
public class SearchRequestException extends IllegalArgumentException {
  private final String field;

  public SearchRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** {@code query}, {@code cursor}, {@code filters}, ... */
  public String field() {
    return field;
  }
}

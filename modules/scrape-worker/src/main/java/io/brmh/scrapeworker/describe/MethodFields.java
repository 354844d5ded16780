package io.brmh.scrapeworker.describe;

/** The unified model's names of a method's fields that an import fills. */
public final class MethodFields {
  public static final String NAME = "namespace-method-name";
  public static final String TYPE = "namespace-method-type";
  public static final String URL = "namespace-method-url-override";
  public static final String QUERY = "namespace-method-queryParams";
  public static final String HEADERS = "namespace-method-header";
  public static final String BODY = "namespace-method-body";

  /** Every parameter with where it goes ({@code path}, {@code query}, …), kept whole. */
  public static final String PARAMETERS = "namespace-method-parameters";

  public static final String REQUEST_SCHEMA = "request-schema";
  public static final String RESPONSE_SCHEMA = "response-schema";
  public static final String SAMPLE_REQUEST = "sample-request";
  public static final String SAMPLE_RESPONSE = "sample-response";
  public static final String DESCRIPTION = "description";
  public static final String TAGS = "tags";

  /** Where an imported method or schema came from (source, hash, importer, time, job). */
  public static final String PROVENANCE = "provenance";

  private MethodFields() {}

  /**
   * A query parameter or header as the method lists it ({@code {key, value}}), or null for one
   * whose name says it is a credential: that belongs in an account, sealed, and the gateway refuses
   * it in a method, whose fields every viewer reads. It stays among the {@link #PARAMETERS}.
   */
  static java.util.Map<String, Object> keyValue(String key, String value) {
    if (io.brmh.platform.unified.AccountCredentials.looksLikeCredential(key)) {
      return null;
    }
    java.util.Map<String, Object> entry = new java.util.LinkedHashMap<>();
    entry.put("key", key);
    entry.put("value", value);
    return entry;
  }
}

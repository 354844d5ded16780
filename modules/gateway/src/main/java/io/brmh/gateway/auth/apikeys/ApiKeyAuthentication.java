package io.brmh.gateway.auth.apikeys;

/** What an API key's authentication carries besides its scopes (its roles). */
public final class ApiKeyAuthentication {
  /** Attribute: the tables the key's changes may name; absent or empty means any. */
  public static final String TABLES = "tables";

  private ApiKeyAuthentication() {}
}

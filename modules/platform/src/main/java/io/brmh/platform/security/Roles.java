package io.brmh.platform.security;

/**
 * The global roles a BRMH token can carry in its {@code roles} claim, and the scopes a machine
 * credential (an API key) can carry, which act as its roles. A route for people requires {@link
 * #USER} (administrators have it too), never merely an authenticated caller, so that a machine
 * credential reaches only the routes its scope names.
 */
public final class Roles {
  /** Sees and manages everything, including other users' jobs and the admin routes. */
  public static final String ADMIN = "admin";

  /** An ordinary account: reaches its own resources and what was shared with it. */
  public static final String USER = "user";

  /**
   * API-key scope: send table changes ({@code POST /cache-data}, {@code POST /cache/update}), for
   * the tables the key lists.
   */
  public static final String CACHE_INGEST = "cache:ingest";

  private Roles() {}
}

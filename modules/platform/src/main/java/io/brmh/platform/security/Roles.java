package io.brmh.platform.security;

/** The global roles a BRMH token can carry in its {@code roles} claim. */
public final class Roles {
  /** Sees and manages everything, including other users' jobs and the admin routes. */
  public static final String ADMIN = "admin";
  /** An ordinary account: reaches its own resources and what was shared with it. */
  public static final String USER = "user";

  private Roles() {}
}

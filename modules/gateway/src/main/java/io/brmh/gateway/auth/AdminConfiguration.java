package io.brmh.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The administrator account of the local environment.
 *
 * @param email its e-mail ({@code brmh.admin.email}, default {@code admin@brmh.local})
 * @param password its password ({@code BRMH_ADMIN_PASSWORD}); when unset, one is generated and
 *     printed once, when the account is created
 */
@ConfigurationProperties("brmh.admin")
record AdminConfiguration(String email, @Nullable String password) {
  @Override
  public String toString() {
    return "AdminConfiguration[email=" + email + "]";
  }
}

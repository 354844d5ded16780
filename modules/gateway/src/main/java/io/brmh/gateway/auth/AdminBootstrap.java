package io.brmh.gateway.auth;

import io.brmh.platform.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a fresh installation has an administrator from the start, where {@code
 * brmh.admin.bootstrap} is true (the local and compose environments). The password comes from
 * {@code BRMH_ADMIN_PASSWORD}; without it a random one is generated and printed once on the console
 * (never logged), when the account is created.
 */
@Singleton
@Requires(property = "brmh.admin.bootstrap", value = "true")
class AdminBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private final AdminConfiguration admin;
  private final UserRepository users;
  private final PasswordHasher hasher;

  AdminBootstrap(AdminConfiguration admin, UserRepository users, PasswordHasher hasher) {
    this.admin = admin;
    this.users = users;
    this.hasher = hasher;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    var existing = users.findByEmail(admin.email());
    if (existing.isEmpty()) {
      String password = admin.password() != null ? admin.password() : generatePassword();
      boolean created =
          users.createIfAbsent(
              new UserAccount(
                  UUID.randomUUID().toString(),
                  UserRepository.normalize(admin.email()),
                  hasher.hash(password),
                  List.of(Roles.ADMIN, Roles.USER),
                  Instant.now()));
      if (!created) {
        return; // another instance created it at the same moment, with its own password
      }
      if (admin.password() == null) {
        System.out.printf(
            "%nAdministrator created: %s  password: %s%n(set BRMH_ADMIN_PASSWORD to choose it; this is shown only now)%n%n",
            admin.email(), password);
      } else {
        LOG.info(
            "Administrator {} created with the password from BRMH_ADMIN_PASSWORD", admin.email());
      }
    } else if (admin.password() != null
        && !hasher.verify(admin.password(), existing.get().passwordHash())) {
      users.updatePasswordHash(admin.email(), hasher.hash(admin.password()));
      LOG.info("Administrator {}: password reset to BRMH_ADMIN_PASSWORD", admin.email());
    }
  }

  private static String generatePassword() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}

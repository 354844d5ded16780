package io.brmh.gateway.auth.apikeys;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A machine client's credential as administrators see it: never its secret.
 *
 * @param scopes what it may call, see {@link io.brmh.platform.security.Roles}
 * @param tables the tables its changes may name; empty means any
 * @param createdBy the administrator who made it
 */
@Serdeable
record ApiKey(
    String id,
    String name,
    List<String> scopes,
    List<String> tables,
    Instant createdAt,
    String createdBy) {}

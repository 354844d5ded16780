package io.brmh.platform.namespaces;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A member of a namespace and its role; {@code grantedBy} is the user id of who granted it. */
@Serdeable
public record NamespaceMember(
    String userId, String email, NamespaceRole role, String grantedBy, Instant grantedAt) {}

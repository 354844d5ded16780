package io.brmh.gateway.namespaces;

import io.brmh.gateway.auth.Accounts;
import io.brmh.gateway.jobs.JobAccess;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceFields;
import io.brmh.platform.namespaces.NamespaceIcons;
import io.brmh.platform.namespaces.NamespaceMember;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the namespace routes: who owns a new namespace, which versions an update may change,
 * when a rename is refused, what a listing shows. Authorization by role happens before, in the
 * controller.
 */
@Singleton
public class NamespaceService {
  private static final Logger LOG = LoggerFactory.getLogger(NamespaceService.class);

  private final NamespaceStore store;
  private final NamespaceListing listing;
  private final CacheConfigRepository caches;
  private final NamespaceMigration migration;
  private final NamespaceIcons icons;

  NamespaceService(
      NamespaceStore store,
      NamespaceListing listing,
      CacheConfigRepository caches,
      NamespaceMigration migration,
      NamespaceIcons icons) {
    this.icons = icons;
    this.store = store;
    this.listing = listing;
    this.caches = caches;
    this.migration = migration;
  }

  /**
   * @throws ProblemException 409 when the name is taken, 503 while the start-up migration runs
   */
  public Namespace create(NamespaceFields fields, Authentication caller) {
    return create(fields, null, caller);
  }

  /**
   * Creates the namespace with an icon; an icon that is not an image is refused before anything is
   * written, and one stored for a namespace that could not be made goes again.
   *
   * @throws ProblemException 409 when the name is taken, 413 or 415 for the icon, 503 while the
   *     start-up migration runs
   */
  Namespace create(NamespaceFields fields, @Nullable byte[] icon, Authentication caller) {
    migration.requireDone();
    NamespaceMember owner =
        new NamespaceMember(
            caller.getName(),
            Accounts.addressOf(caller.getAttributes()),
            NamespaceRole.OWNER,
            caller.getName(),
            Instant.now());
    String id = UUID.randomUUID().toString();
    String contentType = icon == null ? null : icons.typeOf(icon);
    String iconUrl = icon == null ? null : icons.store(id, icon, contentType);
    try {
      return store
          .create(id, fields, owner, iconUrl)
          .orElseThrow(() -> NamespaceStore.nameTaken(fields.name()));
    } catch (RuntimeException notCreated) {
      icons.delete(iconUrl);
      throw notCreated;
    }
  }

  /**
   * Gives the version named by {@code ifMatch} a new icon, or none; the icon it had goes once the
   * change is made, and a new one whose change lost goes at once.
   *
   * @throws ProblemException 428 without {@code If-Match}, 412 when it names another version, 413
   *     or 415 for the icon
   */
  Namespace setIcon(String id, @Nullable String ifMatch, @Nullable byte[] icon) {
    Namespace current = get(id);
    long expected =
        IfMatch.expectedVersion(ifMatch, current.version(), NamespaceStore.stale(current.id()));
    String contentType = icon == null ? null : icons.typeOf(icon);
    String iconUrl = icon == null ? null : icons.store(id, icon, contentType);
    Namespace changed;
    try {
      changed = store.setIcon(current, expected, iconUrl);
    } catch (RuntimeException lost) {
      icons.delete(iconUrl);
      throw lost;
    }
    try {
      icons.delete(current.iconUrl());
    } catch (RuntimeException leftBehind) {
      // The change is made. The old icon stays, for the namespace's viewers alone, until the
      // namespace is deleted, which removes every icon it had.
      LOG.warn("The old icon of namespace {} stays in the bucket: {}", id, leftBehind.toString());
    }
    return changed;
  }

  /**
   * @throws ProblemException 404 when the namespace has no icon of this id
   */
  NamespaceIcons.Icon icon(String namespaceId, String iconId) {
    return icons
        .read(namespaceId, iconId)
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.NOT_FOUND, "icon-not-found", "The namespace has no such icon."));
  }

  /**
   * @throws ProblemException 404 when there is none
   */
  Namespace get(String id) {
    return store.find(id).orElseThrow(() -> NamespaceStore.notFound(id));
  }

  /**
   * Applies the fields given to the version named by {@code ifMatch}.
   *
   * @throws ProblemException 428 without {@code If-Match}, 412 when it names another version, 409
   *     when the new name is taken or the namespace has caches (their project is its name)
   */
  Namespace update(String id, @Nullable String ifMatch, NamespaceFields changes) {
    Namespace current = get(id);
    long expected =
        IfMatch.expectedVersion(ifMatch, current.version(), NamespaceStore.stale(current.id()));
    if (changes.name() != null
        && !changes.name().equals(current.name())
        && caches.findAll().stream().anyMatch(config -> config.project().equals(current.name()))) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "namespace-has-caches",
          "Namespace "
              + current.name()
              + " has caches, whose project is its name: delete their configurations before"
              + " renaming it.");
    }
    return store.update(current, expected, changes);
  }

  /** Administrators see every namespace, everyone else those they hold a role in. */
  NamespacePage list(
      Authentication caller, @Nullable String nameContains, int limit, @Nullable String token) {
    return JobAccess.isAdmin(caller)
        ? listing.all(nameContains, limit, token)
        : listing.of(caller.getName(), nameContains, limit, token);
  }
}

package io.brmh.platform.search;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * A search index of one namespace table, the original's {@code brmh-indexing} item.
 *
 * @param project the namespace id the table belongs to (the original's project)
 * @param customFields the item fields indexed, as dot paths ({@code name}, {@code price.amount}; a
 *     leading {@code Item.} is dropped, as the original did); empty indexes every top-level field
 * @param status {@code active} (kept up to date) or {@code inactive} (left as it is)
 */
public record IndexConfig(
    String id,
    String project,
    String table,
    @Nullable String description,
    List<String> customFields,
    String status,
    Instant createdAt,
    Instant updatedAt) {

  public static final String ACTIVE = "active";
  public static final String INACTIVE = "inactive";

  /** What every index alias and generation of BRMH starts with. */
  public static final String ALIAS_PREFIX = "idx-";

  public boolean isActive() {
    return ACTIVE.equals(status);
  }

  /** The alias searches read: it names the current generation. */
  public String alias() {
    return ALIAS_PREFIX + id;
  }

  /** The generation a reindex job builds: named by the job, so a resumed job finds its own. */
  public String generation(String jobId) {
    return alias() + "-" + jobId.substring(0, 8);
  }
}

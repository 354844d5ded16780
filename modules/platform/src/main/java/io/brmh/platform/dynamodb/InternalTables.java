package io.brmh.platform.dynamodb;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DynamoDB tables BRMH keeps for itself (accounts, keys, tokens, jobs, configurations,
 * checkpoints...): never cached, indexed or otherwise handed to a caller, whatever the caller's
 * role, since a cached {@code brmh-users} would show every password hash to its readers. A table is
 * internal when a {@link ManagedTable} of this process defines it (under whatever name it is
 * configured) or when its name starts with {@value #RESERVED_PREFIX}, which covers the tables of
 * modules this process does not run.
 */
@Singleton
public class InternalTables {
  /** The prefix of every BRMH table's default name; user tables may not use it. */
  public static final String RESERVED_PREFIX = "brmh-";

  private final Set<String> managed;

  InternalTables(List<ManagedTable> tables) {
    this.managed =
        tables.stream()
            .map(table -> table.definition().tableName())
            .collect(Collectors.toUnmodifiableSet());
  }

  public boolean isInternal(String table) {
    return table != null && (table.startsWith(RESERVED_PREFIX) || managed.contains(table));
  }
}

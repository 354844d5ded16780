package io.brmh.platform.cache;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The record of which load made each live cache, {@code brmh-cache-loads}, keyed by {@value #CACHE}
 * ({@code project:table}).
 */
@Singleton
public class CacheLoadsTable implements ManagedTable {
  static final String CACHE = "cache";

  private final String name;

  CacheLoadsTable(CacheTablesConfiguration config) {
    this.name = config.loadsTable();
  }

  public String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return ManagedTable.keyedBy(name, CACHE);
  }
}

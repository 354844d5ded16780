package io.brmh.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

/**
 * Makes the short-lived caches of authorization lookups, all with the same {@link LookupCaching}.
 */
@Singleton
public class LookupCaches {
  private final LookupCaching settings;

  public LookupCaches(LookupCaching settings) {
    this.settings = settings;
  }

  /** A new cache whose entries expire {@link LookupCaching#ttl()} after they were written. */
  public <K, V> Cache<K, V> create() {
    return Caffeine.newBuilder()
        .expireAfterWrite(settings.ttl())
        .maximumSize(settings.maxEntries())
        .build();
  }
}

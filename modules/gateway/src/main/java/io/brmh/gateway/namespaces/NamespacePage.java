package io.brmh.gateway.namespaces;

import io.brmh.platform.namespaces.Namespace;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One page of namespaces, and the token of the next one ({@code null} on the last).
 *
 * @param items at most the limit asked for; fewer does not mean the last page
 */
public record NamespacePage(List<Namespace> items, @Nullable String nextPageToken) {}

package io.brmh.platform.search;

import java.util.Map;

/**
 * One searchable document: an item's id and the fields an index configuration takes from it.
 *
 * @param fields by name (a configured path, such as {@code name} or {@code price.amount}); values
 *     are text, numbers (kept exact as {@link java.math.BigDecimal}), booleans, or lists of them
 */
public record IndexDocument(String id, Map<String, Object> fields) {}

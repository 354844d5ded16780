package io.brmh.scrapeworker.describe;

/**
 * One named schema of a description.
 *
 * @param name its name among the description's schemas ({@code Pet})
 * @param schema the JSON Schema as plain JSON values; a reference to another named schema reads
 *     {@code #/components/schemas/<name>}
 */
public record ImportedSchema(String name, Object schema) {}

package io.brmh.gateway.scrape;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One entry of the catalogue of well-known APIs, {@code brmh.scrape.services.<key>.*}: an import
 * may name the key instead of an address.
 *
 * @param key what a request names ({@code petstore})
 * @param name what a person reads ({@code Swagger Petstore})
 * @param descriptionUrl where the API's description is, http or https
 */
@EachProperty("brmh.scrape.services")
public record SupportedService(@Parameter String key, String name, String descriptionUrl) {}

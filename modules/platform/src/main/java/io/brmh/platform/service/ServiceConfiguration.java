package io.brmh.platform.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * Which deployable this process is ({@code brmh.service-name}, set in each module's
 * application.yml): named as the source of the events it publishes.
 *
 * @param serviceName for example {@code brmh-gateway} or {@code brmh-cache-worker}
 */
@ConfigurationProperties("brmh")
public record ServiceConfiguration(@NotBlank String serviceName) {}

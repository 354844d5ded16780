package io.brmh.platform.functions;

import java.time.Instant;
import java.util.Map;

/**
 * One published version of a function: immutable, so a rollback runs exactly what was deployed.
 *
 * @param artifact its package in S3 and the package's digest
 * @param handler {@code <module>.<export>}, {@code index.handler}
 * @param environment its variables in plain text (those not secret)
 * @param sealedEnvironment its secret variables, sealed at rest; never answered in clear
 * @param deployJobId the job that published it: a deploy run again after a crash finds its own
 */
public record FunctionVersion(
    String namespaceId,
    String name,
    int version,
    FunctionArtifacts.Stored artifact,
    String handler,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    Map<String, String> sealedEnvironment,
    String deployJobId,
    Instant createdAt) {

  public FunctionVersion {
    environment = Map.copyOf(environment);
    sealedEnvironment = Map.copyOf(sealedEnvironment);
  }
}

package io.brmh.gateway.auth.oidc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The OpenID Connect provider people may log in with ({@code brmh.auth.oidc}; AWS Cognito in the
 * {@code aws} environment). Without an issuer, the OIDC routes answer 404.
 *
 * @param issuer the provider's issuer, exactly as its ID tokens name it
 * @param clientSecret for confidential clients; public clients rely on PKCE alone
 * @param redirectUri where the provider sends the browser back with the code (the client app's page)
 */
@ConfigurationProperties("brmh.auth.oidc")
public record OidcConfiguration(
    @Nullable String issuer,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable String authorizationEndpoint,
    @Nullable String tokenEndpoint,
    @Nullable String jwksUri,
    @Nullable String redirectUri,
    @Bindable(defaultValue = "openid email profile") String scopes) {

  public boolean configured() {
    return issuer != null && clientId != null && authorizationEndpoint != null && tokenEndpoint != null && jwksUri != null
        && redirectUri != null;
  }

  /** Keeps the client secret out of logs. */
  @Override
  public String toString() {
    return "OidcConfiguration[" + issuer + ", client " + clientId + "]";
  }
}

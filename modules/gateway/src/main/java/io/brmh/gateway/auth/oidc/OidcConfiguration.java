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
 * @param redirectUri where the provider sends the browser back with the code (the client app's
 *     page)
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

  /**
   * Every part given (an empty value, as the {@code aws} overlay leaves unset variables, counts as
   * missing).
   */
  public boolean configured() {
    return present(issuer)
        && present(clientId)
        && present(authorizationEndpoint)
        && present(tokenEndpoint)
        && present(jwksUri)
        && present(redirectUri);
  }

  /** The client secret, when one is given. */
  @Nullable
  String secret() {
    return present(clientSecret) ? clientSecret : null;
  }

  private static boolean present(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  /** Keeps the client secret out of logs. */
  @Override
  public String toString() {
    return "OidcConfiguration[" + issuer + ", client " + clientId + "]";
  }
}

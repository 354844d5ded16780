package io.brmh.platform.unified;

import io.brmh.platform.security.JwtConfiguration;
import io.brmh.platform.security.SecureText;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * How a receiver knows a webhook call came from BRMH. Each webhook has a signing secret of its own,
 * the HMAC of its id under a key derived from {@code brmh.jwt.secret}: nothing to store or copy, a
 * duplicated namespace's webhooks (new ids) get new secrets, and one webhook's secret tells nothing
 * about another's. A call carries {@value #TIMESTAMP_HEADER} (epoch seconds) and {@value
 * #SIGNATURE_HEADER}: {@code sha256=} and the hex HMAC-SHA256, keyed by the secret's UTF-8 bytes,
 * of the timestamp, a dot, and the body's bytes. A receiver recomputes it, compares in constant
 * time, and refuses old timestamps, so a recorded call cannot be played again later.
 */
@Singleton
public class WebhookSigning {
  public static final String SIGNATURE_HEADER = "X-BRMH-Signature";
  public static final String TIMESTAMP_HEADER = "X-BRMH-Timestamp";
  private static final String SECRET_PREFIX = "whsec_";

  private final byte[] key;

  WebhookSigning(JwtConfiguration jwt) {
    this.key =
        SecureText.sha256(("webhook-signing:" + jwt.secret()).getBytes(StandardCharsets.UTF_8));
  }

  /** The webhook's signing secret, shown to its namespace's editors only. */
  public String secretOf(String webhookId) {
    return SECRET_PREFIX
        + SecureText.base64Url(
            SecureText.hmacSha256(key, webhookId.getBytes(StandardCharsets.UTF_8)));
  }

  /** The {@value #SIGNATURE_HEADER} value of a call of the webhook with this body at this time. */
  public String signatureFor(String webhookId, long epochSeconds, byte[] body) {
    return signature(secretOf(webhookId), epochSeconds, body);
  }

  /** The header value under a given secret, as a receiver computes it. */
  public static String signature(String secret, long epochSeconds, byte[] body) {
    byte[] stamp = (epochSeconds + ".").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[stamp.length + body.length];
    System.arraycopy(stamp, 0, signed, 0, stamp.length);
    System.arraycopy(body, 0, signed, stamp.length, body.length);
    String hex =
        HexFormat.of()
            .formatHex(SecureText.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), signed));
    return "sha256=" + hex;
  }
}

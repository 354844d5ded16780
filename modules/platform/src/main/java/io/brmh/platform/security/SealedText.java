package io.brmh.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Text sealed for storage with AES-256-GCM: a random 96-bit IV, then the ciphertext and its 128-bit
 * tag, as base64. The key is the SHA-256 of a label and the configured secret, so each use (signing
 * keys, account credentials) has a key of its own; the associated data binds a sealed text to the
 * item and field it belongs to, so it cannot be moved to another one unnoticed.
 */
public final class SealedText {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private SealedText(SecretKeySpec key) {
    this.key = key;
  }

  /**
   * @param label what the key is for, so that two uses never share one ({@code "account-secrets"})
   * @param secret the configured secret ({@code brmh.jwt.secret})
   */
  public static SealedText keyed(String label, String secret) {
    byte[] material =
        label.isEmpty()
            ? secret.getBytes(StandardCharsets.UTF_8)
            : (label + ":" + secret).getBytes(StandardCharsets.UTF_8);
    return new SealedText(new SecretKeySpec(SecureText.sha256(material), "AES"));
  }

  /** Sealed {@code text}, bound to {@code associated} (an item's id and field). */
  public String seal(String associated, String text) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] sealed =
        crypt(Cipher.ENCRYPT_MODE, associated, iv, text.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
  }

  /**
   * @throws IllegalStateException when the text was sealed under another secret or for other
   *     associated data, or altered
   */
  public String unseal(String associated, String sealed) {
    byte[] all = Base64.getDecoder().decode(sealed);
    byte[] iv = Arrays.copyOfRange(all, 0, IV_BYTES);
    byte[] body = Arrays.copyOfRange(all, IV_BYTES, all.length);
    return new String(crypt(Cipher.DECRYPT_MODE, associated, iv, body), StandardCharsets.UTF_8);
  }

  private byte[] crypt(int mode, String associated, byte[] iv, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the text for "
              + associated
              + " cannot be "
              + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "unsealed")
              + " with this secret",
          e);
    }
  }
}

package dev.meadow.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.meadow.core.ValidationException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Standard Webhooks v1 secrets and signatures: a secret is {@code whsec_} and the standard base64
 * of its key bytes; a signature is {@code v1,} and the base64 of HMAC-SHA256 under the key of
 * {@code id.timestamp.body}.
 */
final class Signatures {
  static final String SECRET_PREFIX = "whsec_";
  static final String VERSION_PREFIX = "v1,";
  static final int MIN_SECRET_BYTES = 24;
  static final int MAX_SECRET_BYTES = 64;
  static final int DEFAULT_SECRET_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Signatures() {}

  /** Returns a new secret of {@link #DEFAULT_SECRET_BYTES} random bytes. */
  static String newSecret() {
    byte[] key = new byte[DEFAULT_SECRET_BYTES];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /**
   * Returns the key bytes of a secret.
   *
   * @throws ValidationException naming {@code field} unless the secret is {@code whsec_} and the
   *     base64 of 24 to 64 bytes
   */
  static byte[] key(String field, @Nullable String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw ValidationException.of(field, "malformed_secret", "must start with " + SECRET_PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(field, "malformed_secret", "must be " + SECRET_PREFIX + " and base64");
    }
    if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
      throw ValidationException.of(field, "secret_length",
          "must hold " + MIN_SECRET_BYTES + " to " + MAX_SECRET_BYTES + " bytes, held " + key.length);
    }
    return key;
  }

  /** Returns the raw HMAC-SHA256 of {@code id.timestamp.body} under {@code key}. */
  static byte[] mac(byte[] key, String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal((id + "." + timestamp + "." + body).getBytes(UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** Returns the {@code v1,} signature of {@code id.timestamp.body} under {@code key}. */
  static String sign(byte[] key, String id, long timestamp, String body) {
    return VERSION_PREFIX + Base64.getEncoder().encodeToString(mac(key, id, timestamp, body));
  }
}

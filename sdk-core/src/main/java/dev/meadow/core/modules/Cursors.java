package dev.meadow.core.modules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ValidationException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and checks paging cursors.
 *
 * <p>A cursor is {@code base64url(version, listing, key parts) "." base64url(mac)}, where the MAC
 * is HMAC-SHA256 (truncated to 128 bits) under the shop's cursor secret over the listing name and
 * the parts. A cursor therefore only works for the listing that issued it, and any change to it is
 * detected before its parts reach a store. The parts are still checked by the listing after
 * decoding, because the secret may be known to the host.
 */
public final class Cursors {
  private static final byte VERSION = 1;
  private static final char SEPARATOR = '\u001f';
  private static final int MAC_BYTES = 16;
  private static final BaseEncoding BASE64 = BaseEncoding.base64Url().omitPadding();

  private final HashFunction mac;

  private Cursors(byte[] secret) {
    this.mac = Hashing.hmacSha256(secret);
  }

  /** Returns a codec keyed with {@code secret}, at least 16 bytes. */
  public static Cursors withSecret(byte[] secret) {
    requireNonNull(secret, "secret");
    if (secret.length < 16) {
      throw new IllegalArgumentException("a cursor secret needs at least 16 bytes, was " + secret.length);
    }
    return new Cursors(secret.clone());
  }

  /** Returns the cursor naming a position in {@code listing}. */
  public String encode(String listing, String... parts) {
    StringBuilder body = new StringBuilder().append(listing);
    for (String part : parts) {
      if (part.indexOf(SEPARATOR) >= 0) {
        throw new IllegalArgumentException("cursor parts must not contain U+001F");
      }
      body.append(SEPARATOR).append(part);
    }
    byte[] text = body.toString().getBytes(UTF_8);
    byte[] payload = new byte[text.length + 1];
    payload[0] = VERSION;
    System.arraycopy(text, 0, payload, 1, text.length);
    return BASE64.encode(payload) + "." + BASE64.encode(sign(payload));
  }

  /**
   * Returns the parts of a cursor issued by {@link #encode} for {@code listing}.
   *
   * @throws ValidationException naming {@code cursor} if it was not issued for this listing
   *     with this secret, or does not have {@code partCount} parts
   */
  public List<String> decode(String listing, String cursor, int partCount) {
    requireNonNull(cursor, "cursor");
    int dot = cursor.indexOf('.');
    if (dot <= 0 || dot != cursor.lastIndexOf('.') || cursor.length() > PageRequest.MAX_CURSOR_LENGTH) {
      throw malformed();
    }
    byte[] payload;
    byte[] signature;
    String encodedPayload = cursor.substring(0, dot);
    String encodedSignature = cursor.substring(dot + 1);
    try {
      payload = BASE64.decode(encodedPayload);
      signature = BASE64.decode(encodedSignature);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    // Only the canonical encoding is accepted, so no two strings name the same cursor.
    if (!BASE64.encode(payload).equals(encodedPayload) || !BASE64.encode(signature).equals(encodedSignature)) {
      throw malformed();
    }
    if (payload.length < 1 || payload[0] != VERSION || !MessageDigest.isEqual(sign(payload), signature)) {
      throw malformed();
    }
    String body = new String(payload, 1, payload.length - 1, UTF_8);
    List<String> fields = new ArrayList<>(Arrays.asList(body.split(String.valueOf(SEPARATOR), -1)));
    if (!fields.get(0).equals(listing) || fields.size() != partCount + 1) {
      throw malformed();
    }
    return fields.subList(1, fields.size());
  }

  /**
   * Returns the position a request's cursor names in {@code listing}, parsed by {@code parse}, or
   * {@code null} for a request without a cursor (the first page).
   *
   * @throws ValidationException naming {@code cursor} if it was not issued for this listing, or
   *     {@code parse} refuses its parts
   */
  public <K> @Nullable K position(String listing, PageRequest request, int partCount, Function<List<String>, K> parse) {
    if (request.cursor() == null) {
      return null;
    }
    List<String> parts = decode(listing, request.cursor(), partCount);
    try {
      return parse.apply(parts);
    } catch (RuntimeException e) {
      throw malformed();
    }
  }

  /**
   * Returns a page from the {@code limit + 1} rows a store returned, with a cursor made from the
   * last item shown when there were more.
   */
  public <T> Page<T> page(
      List<T> rowsPlusOne, int limit, String listing, Function<T, String[]> keyOf) {
    if (rowsPlusOne.size() <= limit) {
      return new Page<>(rowsPlusOne, null);
    }
    List<T> items = rowsPlusOne.subList(0, limit);
    return new Page<>(items, encode(listing, keyOf.apply(items.get(limit - 1))));
  }

  private byte[] sign(byte[] payload) {
    return Arrays.copyOf(mac.hashBytes(payload).asBytes(), MAC_BYTES);
  }

  /** Returns the exception for a cursor that does not fit the listing it was given to. */
  public static ValidationException malformed() {
    return ValidationException.of("cursor", "malformed_cursor", "is not a cursor Meadow issued for this listing");
  }
}

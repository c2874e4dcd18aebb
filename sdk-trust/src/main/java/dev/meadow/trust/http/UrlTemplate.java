package dev.meadow.trust.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.meadow.core.IntegrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The purchase service's URL with {@code {user}}, {@code {product}} and {@code {order}}
 * placeholders, checked once and expanded for each question.
 */
final class UrlTemplate {
  static final int MAX_LENGTH = 2000;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /*
   * The template is parsed by OkHttp's HttpUrl with each placeholder replaced by a marker of
   * lowercase letters, which every part of a URL keeps as it is. HttpUrl then does the checking
   * (scheme, host, port) and the canonical encoding of the template's own text; what is left is
   * to find the markers again in the path segments and query values, the only places a value may
   * go. Values are percent-encoded here, every byte but the unreserved characters of RFC 3986, so
   * a value can never add a segment, a parameter or a fragment; only a whole segment of "." or
   * ".." would move the path (HttpUrl resolves dot segments, even encoded), which expand()
   * refuses.
   */
  private static final Map<String, String> MARKERS = Map.of(
      "user", "zqxmeadowuserzqx", "product", "zqxmeadowproductzqx", "order", "zqxmeadoworderzqx");

  private final String template;
  private final HttpUrl base;
  private final List<List<Part>> segments;
  private final List<Param> query;

  private UrlTemplate(String template, HttpUrl base, List<List<Part>> segments, List<Param> query) {
    this.template = template;
    this.base = base;
    this.segments = segments;
    this.query = query;
  }

  /**
   * Checks and parses a template.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static UrlTemplate parse(String template) {
    if (template.isEmpty() || template.length() > MAX_LENGTH) {
      throw refused("must be 1 to " + MAX_LENGTH + " characters", template);
    }
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '\\') {
        throw refused("must be printable ASCII without spaces or backslashes (percent-encode the rest);"
            + " found " + String.format("U+%04X", (int) c) + " at " + i, template);
      }
    }
    StringBuilder marked = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int placeholders = 0;
    int end = 0;
    while (m.find()) {
      String marker = MARKERS.get(m.group(1));
      if (marker == null) {
        throw refused("knows only the placeholders {user}, {product} and {order}, not {" + m.group(1) + "}", template);
      }
      marked.append(template, end, m.start()).append(marker);
      end = m.end();
      placeholders++;
    }
    marked.append(template, end, template.length());
    String text = marked.toString();
    if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
      throw refused("has a brace outside a placeholder", template);
    }
    if (!template.contains("{user}") || !template.contains("{product}")) {
      throw refused("must contain {user} and {product}", template);
    }
    for (String marker : MARKERS.values()) {
      if (template.toLowerCase(Locale.ROOT).contains(marker)) {
        throw refused("contains the reserved text " + marker, template);
      }
    }
    HttpUrl url = HttpUrl.parse(text);
    if (url == null) {
      throw refused("must be an absolute http or https URL with a host", template);
    }
    if (!url.encodedUsername().isEmpty() || !url.encodedPassword().isEmpty()) {
      throw refused("must not carry a user name or password; send credentials with header(...)", template);
    }
    if (url.encodedFragment() != null) {
      throw refused("must not have a fragment (#...)", template);
    }

    int found = 0;
    List<List<Part>> segments = new ArrayList<>();
    for (String segment : url.encodedPathSegments()) {
      List<Part> parts = parts(segment);
      for (Part part : parts) {
        if ("order".equals(part.placeholder())) {
          throw refused("may have {order} only as a whole query value (as in ?order={order}),"
              + " so it can be left out when a review names no order", template);
        }
      }
      found += count(parts);
      segments.add(parts);
    }
    List<Param> query = new ArrayList<>();
    String encodedQuery = url.encodedQuery();
    if (encodedQuery != null && !encodedQuery.isEmpty()) {
      for (String pair : encodedQuery.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (!parts(name).stream().allMatch(p -> p.placeholder() == null)) {
          throw refused("may have placeholders only in its path and in query values, not in a query name", template);
        }
        List<Part> value = eq < 0 ? null : parts(pair.substring(eq + 1));
        if (value != null) {
          boolean hasOrder = value.stream().anyMatch(p -> "order".equals(p.placeholder()));
          if (hasOrder && value.size() != 1) {
            throw refused("may have {order} only as a whole query value (as in ?order={order}),"
                + " so it can be left out when a review names no order", template);
          }
          found += count(value);
        }
        query.add(new Param(name, value));
      }
    }
    if (found != placeholders) {
      throw refused("may have placeholders only in its path and in query values, not in the scheme, host,"
          + " port or a query name", template);
    }
    HttpUrl base = new HttpUrl.Builder().scheme(url.scheme()).host(url.host()).port(url.port()).build();
    return new UrlTemplate(template, base, List.copyOf(segments), List.copyOf(query));
  }

  /**
   * Returns the URL for one question.
   *
   * @throws IntegrationException if a value would make a path segment of {@code .} or {@code ..}
   */
  HttpUrl expand(String user, String product, @Nullable String order) {
    List<String> expected = new ArrayList<>(segments.size());
    for (List<Part> segment : segments) {
      expected.add(join(segment, user, product, null));
    }
    HttpUrl.Builder url = base.newBuilder().encodedPath("/" + String.join("/", expected));
    for (Param param : query) {
      List<Part> value = param.value();
      if (value == null) {
        url.addEncodedQueryParameter(param.name(), null);
      } else if (value.size() == 1 && "order".equals(value.get(0).placeholder())) {
        if (order != null) {
          url.addEncodedQueryParameter(param.name(), encode(order));
        }
      } else {
        url.addEncodedQueryParameter(param.name(), join(value, user, product, order));
      }
    }
    HttpUrl built = url.build();
    if (!built.encodedPathSegments().equals(expected)) {
      throw new IntegrationException("purchase service " + service()
          + ": an id of \".\" or \"..\" cannot stand as a path segment; nothing was asked", null);
    }
    return built;
  }

  /** Returns the template without its query: how messages and logs name the service. */
  String service() {
    int q = template.indexOf('?');
    return q < 0 ? template : template.substring(0, q);
  }

  @Override
  public String toString() {
    return template;
  }

  private static String join(List<Part> parts, String user, String product, @Nullable String order) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      String placeholder = part.placeholder();
      if (placeholder == null) {
        out.append(part.text());
      } else {
        out.append(encode(switch (placeholder) {
          case "user" -> user;
          case "product" -> product;
          default -> order == null ? "" : order;
        }));
      }
    }
    return out.toString();
  }

  /** Percent-encodes the UTF-8 bytes of {@code value}, all but RFC 3986's unreserved characters. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
          || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  /** Splits encoded text into literal text and the placeholders its markers stand for. */
  private static List<Part> parts(String encoded) {
    List<Part> parts = new ArrayList<>();
    int from = 0;
    while (from < encoded.length()) {
      int next = -1;
      String which = null;
      for (Map.Entry<String, String> marker : MARKERS.entrySet()) {
        int at = encoded.indexOf(marker.getValue(), from);
        if (at >= 0 && (next < 0 || at < next)) {
          next = at;
          which = marker.getKey();
        }
      }
      if (which == null) {
        parts.add(new Part(encoded.substring(from), null));
        break;
      }
      if (next > from) {
        parts.add(new Part(encoded.substring(from, next), null));
      }
      parts.add(new Part("", which));
      from = next + MARKERS.get(which).length();
    }
    return parts;
  }

  private static int count(List<Part> parts) {
    return (int) parts.stream().filter(p -> p.placeholder() != null).count();
  }

  private static IllegalArgumentException refused(String why, String template) {
    // Neither the query nor a user name and password is shown: a careless host may have put a key there.
    int q = template.indexOf('?');
    String shown = (q < 0 ? template : template.substring(0, q) + "?…")
        .replaceAll("[^\\x21-\\x7e…]", "\uFFFD")
        .replaceFirst("//[^/]*@", "//…@");
    shown = shown.length() <= 200 ? shown : shown.substring(0, 200) + "…";
    return new IllegalArgumentException("the purchase service's URL template " + why + ": " + shown);
  }

  /** Literal, already encoded text, or a placeholder. */
  private record Part(String text, @Nullable String placeholder) {}

  /** A query parameter: its encoded name, and its value ({@code null} for a bare name). */
  private record Param(String name, @Nullable List<Part> value) {}
}

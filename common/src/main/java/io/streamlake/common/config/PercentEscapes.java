package io.streamlake.common.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code %XX} escapes in a config provider reference (a URL-encoded ARN such as
 * {@code arn%3Aaws%3Asecretsmanager%3A...}), decoded as UTF-8 bytes. Unlike {@code URLDecoder} it keeps {@code +}
 * (a valid character of secret names) and leaves a {@code %} that does not start an escape as it is.
 */
public final class PercentEscapes {

  private PercentEscapes() {}

  /** {@code text} with every {@code %XX} escape decoded and everything else kept. */
  public static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    ByteArrayOutputStream escaped = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0
          && hex(text.charAt(i + 2)) >= 0) {
        escaped.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 3;
        continue;
      }
      if (escaped.size() > 0) {
        out.append(escaped.toString(StandardCharsets.UTF_8));
        escaped.reset();
      }
      out.append(text.charAt(i));
      i++;
    }
    out.append(escaped.toString(StandardCharsets.UTF_8));
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}

package io.streamlake.connect.config;

import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * One variable reference as Connect hands it to a provider, {@code ${provider:path:key}}, with the optional
 * {@code ?ttl=<ms>} suffix of the MSK sample providers split off the key. {@link #toString()} is the reference
 * as the user wrote it (without {@code ${}}), which every error message names; it holds no value.
 *
 * @param provider the documented provider name ({@code secretsmanager}, {@code ssm}, {@code s3import})
 * @param path the path part: empty in {@code ${ssm::/p}}, null in {@code ${secretsmanager:name}} (no path part).
 *     Connect's {@code ConfigTransformer} passes an empty path for both, so a provider whose documented form has no
 *     path part (Secrets Manager's whole-secret reference) passes null here; the others keep {@code ::}
 * @param rawKey the key exactly as Connect passes it (the key of the returned data)
 * @param key the key without the TTL suffix
 * @param ttlMs the reference's own TTL, if it has one
 */
public record Reference(String provider, String path, String rawKey, String key, Optional<Long> ttlMs) {

  private static final String TTL = "?ttl=";

  /** Splits a {@code ?ttl=<ms>} suffix off {@code rawKey}. */
  public static Reference of(String provider, String path, String rawKey) {
    int at = rawKey.lastIndexOf(TTL);
    if (at < 0) {
      return new Reference(provider, path, rawKey, rawKey, Optional.empty());
    }
    String key = rawKey.substring(0, at);
    String ttlText = rawKey.substring(at + TTL.length());
    Reference plain = new Reference(provider, path, rawKey, key, Optional.empty());
    try {
      long ttl = Long.parseLong(ttlText);
      if (ttl < 1) {
        throw new NumberFormatException();
      }
      return new Reference(provider, path, rawKey, key, Optional.of(ttl));
    } catch (NumberFormatException e) {
      throw new ConfigException("Invalid reference ${" + plain + "}: '?ttl=" + ttlText
          + "' is not a positive number of milliseconds");
    }
  }

  /** The path, empty when the reference has none. */
  public String pathOrEmpty() {
    return path == null ? "" : path;
  }

  @Override
  public String toString() {
    return path == null ? provider + ":" + rawKey : provider + ":" + path + ":" + rawKey;
  }
}

package io.streamlake.connect.s3.source.read;

/**
 * TEST-ONLY STAND-IN for the reader API of issue 18 spec section 3 (helper srcread writes the real one in
 * src/main). Delete this file when the read package is merged.
 */
public record StoredHeader(String key, byte[] value) {}

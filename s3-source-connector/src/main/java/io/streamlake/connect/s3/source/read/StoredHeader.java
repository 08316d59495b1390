package io.streamlake.connect.s3.source.read;

/** One Kafka header as the sink stored it: its key and its value bytes (null for a null header value). */
public record StoredHeader(String key, byte[] value) {}

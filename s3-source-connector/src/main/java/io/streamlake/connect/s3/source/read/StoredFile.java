package io.streamlake.connect.s3.source.read;

import java.nio.file.Path;

/** An object the sink wrote, downloaded to a local file; the object key names it in errors. */
public record StoredFile(String objectKey, Path localPath, StoredFormat format) {}

package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.listing.LakeStore;

/**
 * What replays of every pair share: the store (for object metadata), the downloads directory, the file readers,
 * and whether rows are envelopes.
 */
record ReplaySources(LakeStore store, Downloads downloads, ReplayReaders readers, boolean envelope) {
}

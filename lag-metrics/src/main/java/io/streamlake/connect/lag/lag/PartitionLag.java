package io.streamlake.connect.lag.lag;

/**
 * The lag of one group on one partition at one poll.
 *
 * @param committed committed offset, or null when the group has none (see missing.commit.policy)
 * @param lag {@code max(0, end - committed)}
 * @param timeLagMs estimated time lag, or null when it cannot be estimated yet; 0 when the lag is 0
 */
public record PartitionLag(String group, String topic, int partition, Long committed, long end, long lag,
    Long timeLagMs, GroupState state, long timestampMs) {
}

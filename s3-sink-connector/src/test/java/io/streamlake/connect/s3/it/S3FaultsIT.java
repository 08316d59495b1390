package io.streamlake.connect.s3.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.storage.S3Stores;
import io.streamlake.connect.s3.storage.StoreException;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.FaultProxy;
import io.streamlake.connect.s3.testing.FaultProxy.Fault;
import io.streamlake.connect.s3.testing.FaultProxy.Kind;
import io.streamlake.connect.s3.testing.LandedRecords;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.S3TestClients;
import io.streamlake.connect.s3.testing.SimulatedConnect;
import io.streamlake.connect.s3.writer.SinkWriter;
import io.streamlake.connect.s3.writer.SinkWriters;
import io.streamlake.kit.S3Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sink's real S3 client against the in-process S3 server behind a fault-injecting HTTP front: 500s,
 * 503 SlowDown, connection resets and requests that outlive the client's timeout, on every kind of request
 * the protocol makes (markers, single PUTs, multipart create/part/complete, marker reads). The task must
 * never die on a transient fault, and every record must land exactly once. Prints a scenario table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3FaultsIT {

  private static final String BUCKET = "faults";
  private static final String TOPIC = "orders";
  private static final int RECORDS = 150;
  private static final long T0 = 1_798_761_600_000L;

  private S3Endpoint s3;
  private final Map<String, String> table = new LinkedHashMap<>();
  private final Map<TopicPartition, List<SinkRecord>> logs = new LinkedHashMap<>();
  private final Map<String, Integer> produced = new HashMap<>();

  @BeforeAll
  void start() throws Exception {
    s3 = S3Endpoint.inMemory();
    s3.createBucket(BUCKET);
    Random random = new Random(42);
    for (int p = 0; p < 2; p++) {
      List<SinkRecord> log = new ArrayList<>();
      for (long offset = 0; offset < RECORDS; offset++) {
        SinkRecord base = Orders.record(TOPIC, p, offset, T0 + offset * 1000);
        Struct value = (Struct) base.value();
        byte[] noise = new byte[48 * 1024];
        random.nextBytes(noise);
        // Incompressible notes make each 110-record file about 7 MB: a multipart upload of two parts.
        value.put("note", java.util.Base64.getEncoder().encodeToString(noise));
        log.add(base);
        produced.put(TOPIC + "-" + p + "@" + offset, 1);
      }
      logs.put(new TopicPartition(TOPIC, p), log);
    }
  }

  @AfterAll
  void stop() throws Exception {
    System.out.println("S3 fault scenarios:");
    table.forEach((k, v) -> System.out.println("  " + k + " " + v));
    if (s3 != null) {
      s3.close();
    }
  }

  private Map<String, String> config(FaultProxy proxy, String dir) {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", BUCKET);
    props.put("s3.region", "us-east-1");
    props.put("store.url", proxy.endpoint().toString());
    props.put("aws.access.key.id", S3Endpoint.ACCESS_KEY);
    props.put("aws.secret.access.key", S3Endpoint.SECRET_KEY);
    props.put("topics.dir", dir);
    props.put("format.class", "parquet");
    props.put("parquet.codec", "none");
    props.put("s3.part.size", String.valueOf(5 * 1024 * 1024));
    props.put("flush.size", "110");
    props.put("rotate.interval.ms", "3600000");
    props.put("s3.request.timeout.ms", "1500");
    props.put("s3.retry.backoff.ms", "50");
    props.put("s3.retry.max.backoff.ms", "400");
    props.put("s3.retry.deadline.ms", "60000");
    return props;
  }

  private void run(String name, Consumer<FaultProxy> faults) throws Exception {
    // Single PUTs happen only for files smaller than a part: the flush at the end of each log leaves one.
    try (FaultProxy proxy = new FaultProxy(s3.endpoint(), 2_500)) {
      faults.accept(proxy);
      S3SinkConfig config = new S3SinkConfig(config(proxy, name));
      MutableClock clock = new MutableClock(T0);
      try (S3Stores.Handle store = S3Stores.create(config)) {
        SimulatedConnect connect = new SimulatedConnect(logs,
            context -> SinkWriters.create(config, store.store(), context, "faults", clock));
        SimulatedConnect.Task task = connect.start();
        int steps = 0;
        while (!connect.allCommitted()) {
          assertThat(++steps).isLessThan(500);
          if (task.poll(40) == 0) {
            clock.advance(7_200_000L);
            task.tick();
          }
          task.commit();
        }
        LandedRecords landed = LandedRecords.read(s3.keys(BUCKET, name + "/"), key -> s3.get(BUCKET, key));
        table.put(String.format("%-28s", name), String.format("faults=%s files=%d lost=%d duplicated=%d",
            proxy.injected(), landed.files(), landed.lost(produced).size(), landed.duplicated(produced).size()));
        assertThat(landed.lost(produced)).as("lost").isEmpty();
        assertThat(landed.duplicated(produced)).as("duplicated").isEmpty();
        assertThat(connect.tasksStarted()).as("the task survived every fault").isEqualTo(1);
        assertThat(proxy.count(Kind.UPLOAD_PART)).as("multipart uploads happened").isGreaterThan(0);
        assertThat(proxy.injected().values().stream().mapToInt(Integer::intValue).sum())
            .as("every fault asked for was injected").isEqualTo(proxy.requested());
      }
    }
  }

  @Test
  void noFaults() throws Exception {
    run("none", proxy -> { });
  }

  @Test
  void slowDownOnMarkersAndSinglePuts() throws Exception {
    run("slowdown-503", proxy -> proxy.fail(Kind.PUT_MARKER, Fault.SLOW_DOWN_503, 1, 2, 3)
        .fail(Kind.PUT_OBJECT, Fault.SLOW_DOWN_503, 1));
  }

  @Test
  void serverErrorsOnParts() throws Exception {
    run("part-500", proxy -> proxy.fail(Kind.UPLOAD_PART, Fault.INTERNAL_ERROR_500, 1, 3, 4));
  }

  @Test
  void connectionResets() throws Exception {
    run("reset", proxy -> proxy.fail(Kind.COMPLETE_MULTIPART, Fault.CONNECTION_RESET, 1)
        .fail(Kind.CREATE_MULTIPART, Fault.CONNECTION_RESET, 2).fail(Kind.GET, Fault.CONNECTION_RESET, 2));
  }

  @Test
  void requestsThatOutliveTheTimeoutAndStillApply() throws Exception {
    run("timeout", proxy -> proxy.fail(Kind.PUT_MARKER, Fault.DELAY_PAST_TIMEOUT, 2)
        .fail(Kind.COMPLETE_MULTIPART, Fault.DELAY_PAST_TIMEOUT, 1)
        .fail(Kind.UPLOAD_PART, Fault.DELAY_PAST_TIMEOUT, 2));
  }

  @Test
  void s3ErrorCodesThatAreTransientDespiteTheirStatus() throws Exception {
    run("error-codes", proxy -> proxy.fail(Kind.PUT_OBJECT, Fault.REQUEST_TIMEOUT_400, 1)
        .fail(Kind.PUT_MARKER, Fault.PRIOR_REQUEST_NOT_COMPLETE_503, 1)
        .fail(Kind.UPLOAD_PART, Fault.CLOCK_SKEW_403, 2)
        .fail(Kind.COMPLETE_MULTIPART, Fault.OK_200_INTERNAL_ERROR, 1)
        .fail(Kind.CREATE_MULTIPART, Fault.REQUEST_TIMEOUT_400, 2));
  }

  @Test
  void everythingAtOnce() throws Exception {
    run("mixed", proxy -> proxy.fail(Kind.PUT_MARKER, Fault.SLOW_DOWN_503, 1)
        .fail(Kind.UPLOAD_PART, Fault.INTERNAL_ERROR_500, 2)
        .fail(Kind.COMPLETE_MULTIPART, Fault.CONNECTION_RESET, 2)
        .fail(Kind.GET, Fault.DELAY_PAST_TIMEOUT, 3)
        .fail(Kind.CREATE_MULTIPART, Fault.SLOW_DOWN_503, 1));
  }

  @Test
  void aFaultThatOutlastsTheDeadlineFailsTheTaskNamingBucketKeyAndCause() throws Exception {
    try (FaultProxy proxy = new FaultProxy(s3.endpoint(), 0)) {
      Integer[] always = new Integer[1000];
      for (int i = 0; i < always.length; i++) {
        always[i] = i + 1;
      }
      proxy.fail(Kind.PUT_MARKER, Fault.SLOW_DOWN_503, always);
      Map<String, String> props = config(proxy, "deadline");
      props.put("s3.retry.deadline.ms", "1500");
      S3SinkConfig config = new S3SinkConfig(props);
      try (S3Stores.Handle store = S3Stores.create(config)) {
        SinkWriter writer = SinkWriters.create(config, store.store(), new FakeSinkTaskContext(null), "deadline",
            new MutableClock(T0));
        assertThatThrownBy(() -> writer.put(logs.get(new TopicPartition(TOPIC, 0)).subList(0, 110)))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("s3://" + BUCKET + "/deadline/_epochs/orders/0/")
            .hasMessageContaining("503 SlowDown").hasMessageContaining("s3.retry.deadline.ms");
        // The sealed multipart upload of the failed epoch was aborted, and nothing became visible.
        try (S3Client client = S3TestClients.of(s3)) {
          assertThat(client.listMultipartUploads(b -> b.bucket(BUCKET).prefix("deadline/")).uploads()).isEmpty();
        }
        assertThat(s3.keys(BUCKET, "deadline/")).isEmpty();
      }
    }
  }
}

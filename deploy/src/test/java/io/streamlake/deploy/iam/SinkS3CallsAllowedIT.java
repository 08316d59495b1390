package io.streamlake.deploy.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.PluginZip;
import io.streamlake.deploy.local.OrderEvents;
import io.streamlake.deploy.local.S3Target;
import io.streamlake.deploy.local.WorkerSettings;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated sink policy against what the sink really does: the order-events example (with a non-default
 * topics.dir, tagging on and JSON files large enough for a multipart upload) runs from the built ZIP in a real
 * worker, every S3 request it makes is recorded at a proxy in front of the in-process endpoint, and each must be
 * allowed by {@link SinkPolicy}'s document for that configuration; the same requests on another prefix, another
 * bucket, and deletes must not be.
 */
class SinkS3CallsAllowedIT {

  private static final String BUCKET = "iam-lake";
  private static final String TOPIC = "order-events";
  private static final KafkaArns KAFKA = new KafkaArns("arn:aws:kafka:us-east-1:123456789012:cluster/c/uuid-1");

  @TempDir
  Path dir;

  @Test
  void testEverySinkRequestIsAllowedAndNothingElse() throws Exception {
    ConnectorFile connector = ConnectorFile.read(DeployFiles.connectors().resolve("order-events-s3-parquet.json"))
        .with(Map.of("s3.bucket.name", BUCKET, "topics.dir", "lake/orders", "s3.object.tagging", "true", "format.class", "json",
            "s3.part.size", "5242880", "flush.size", "48000", "rotate.schedule.interval.ms", "15000",
            "tasks.max", "2"));
    PolicyDocument policy = SinkPolicy.of(connector, KAFKA, WorkerStatements.DEFAULT_OFFSETS_TOPIC);
    PolicyEvaluator evaluator = new PolicyEvaluator(policy);

    List<S3Call> calls;
    try (S3Endpoint s3 = S3Endpoint.onDisk(dir.resolve("s3"));
        S3Target target = S3Target.local(s3, BUCKET, "us-east-1");
        RecordingS3Proxy proxy = RecordingS3Proxy.start(s3.endpoint());
        KafkaCluster kafka = KafkaCluster.start();
        PluginZip plugin = PluginZip.unpack(DeployFiles.pluginZip())) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
      }
      Map<String, String> config = new LinkedHashMap<>(connector.config());
      config.putAll(target.sinkSettings());
      config.put("store.url", proxy.endpoint().toString());
      try (ConnectCluster worker = WorkerSettings.start(kafka.bootstrapServers(), "iam-it", plugin.pluginPath(), 1,
          Map.of())) {
        worker.rest().configureConnector(connector.name(), config);
        worker.rest().awaitRunning(connector.name(), Duration.ofSeconds(90));
        produce(kafka.bootstrapServers());
        // about 20 s on a quiet machine; the bound is generous because the build machine is shared
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (!covered(proxy.calls()) && System.nanoTime() < deadline) {
          Thread.sleep(500);
        }
      }
      calls = proxy.calls();
    }
    Set<String> operations = calls.stream().map(S3Call::operation).collect(Collectors.toSet());
    assertThat(covered(calls)).as("a data file by a single PUT: " + operations).isTrue();
    assertThat(operations).as("the run must exercise single PUTs, multipart uploads, tagging and marker reads")
        .contains("PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "PutObjectTagging",
            "GetObject");

    List<String> denied = new ArrayList<>();
    for (S3Call call : calls) {
      for (S3Call.Check check : call.checks()) {
        if (!evaluator.allows(check.action(), check.resource(), check.context())) {
          denied.add(call.operation() + " " + check.action() + " " + check.resource());
        }
      }
    }
    assertThat(denied).as("sink requests the generated policy denies").isEmpty();

    for (S3Call call : calls) {
      assertThat(call.key()).startsWith("lake/orders/");
      for (String elsewhere : List.of("topics/" + call.key().substring("lake/orders/".length()),
          "lake/other/" + call.key().substring("lake/orders/".length()), "lake/orders-2/x")) {
        for (S3Call.Check check : call.withKey(elsewhere).checks()) {
          assertThat(evaluator.allows(check.action(), check.resource(), check.context()))
              .as(check.toString()).isFalse();
        }
      }
      assertThat(evaluator.allows("s3:DeleteObject", "arn:aws:s3:::" + BUCKET + "/" + call.key())).isFalse();
      assertThat(evaluator.allows("s3:GetObject", "arn:aws:s3:::other-bucket/" + call.key())).isFalse();
    }
    String bucketArn = "arn:aws:s3:::" + BUCKET;
    assertThat(evaluator.allows("s3:ListBucket", bucketArn, Map.of("s3:prefix", "lake/orders/_epochs/"))).isTrue();
    assertThat(evaluator.allows("s3:ListBucket", bucketArn, Map.of("s3:prefix", "topics/"))).isFalse();
    assertThat(evaluator.allows("s3:ListBucket", bucketArn, Map.of("s3:prefix", ""))).isFalse();
    assertThat(evaluator.allows("s3:ListBucket", bucketArn)).isFalse();
  }

  /** 48,000+ records to partition 0 (one multipart file), a few hundred to partition 1 (a single PUT). */
  private static void produce(String bootstrap) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("linger.ms", "20");
    props.put("batch.size", "262144");
    OrderEvents events = new OrderEvents(new Random(7));
    long now = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (long i = 0; i < 50_000; i++) {
        int partition = i % 100 == 0 ? 1 : 0;
        producer.send(new ProducerRecord<>(TOPIC, partition, events.key(i), events.value(i, now)));
      }
      producer.flush();
    }
  }

  private static boolean covered(List<S3Call> calls) {
    Set<String> operations = calls.stream().map(S3Call::operation).collect(Collectors.toSet());
    boolean dataFilePut = calls.stream().anyMatch(c -> c.operation().equals("PutObject")
        && !c.key().contains("/_epochs/"));
    return dataFilePut && operations.containsAll(Set.of("CompleteMultipartUpload", "PutObjectTagging"));
  }
}

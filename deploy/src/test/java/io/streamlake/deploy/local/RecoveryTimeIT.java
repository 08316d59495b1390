package io.streamlake.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.PluginZip;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery after a dead worker, measured: two workers (separate JVMs, the deploy kit's consumer settings:
 * session timeout 10 s, heartbeat 3 s; MSK Connect's default scheduled rebalance delay) run the order-events sink
 * with two tasks; once every partition lands files, one worker is SIGKILLed, and the time until each of its
 * partitions lands a new file is measured. Files rotate every 2 s here, so the measurement is the takeover, not the
 * rotation interval of the example.
 */
class RecoveryTimeIT {

  private static final String TOPIC = "order-events";
  private static final int PARTITIONS = 4;
  private static final Pattern FILE = Pattern.compile(Pattern.quote(TOPIC) + "\\+(\\d+)\\+\\d+\\.[\\w.]+$");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void testDeadWorkersPartitionsLandAgainWithinTwentySeconds() throws Exception {
    ConnectorFile example = ConnectorFile.read(DeployFiles.connectors().resolve("order-events-s3-parquet.json"));
    String name = example.name();
    Path data = dir.resolve("s3");
    List<Process> processes = new ArrayList<>();
    try (S3Endpoint s3 = S3Endpoint.onDisk(data);
        S3Target target = S3Target.local(s3, "recovery-lake", "us-east-1");
        KafkaCluster kafka = KafkaCluster.start();
        PluginZip plugin = PluginZip.unpack(DeployFiles.pluginZip())) {
      try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
      }
      URI workerA = startWorker(kafka.bootstrapServers(), plugin.pluginPath(), processes, "a");
      URI workerB = startWorker(kafka.bootstrapServers(), plugin.pluginPath(), processes, "b");
      Map<String, String> config = new LinkedHashMap<>(example.config());
      config.putAll(target.sinkSettings());
      config.put("tasks.max", "2");
      config.put("rotate.schedule.interval.ms", "2000");
      put(workerA, "/connectors/" + name + "/config", JSON.writeValueAsString(config));
      try (RateProducer producer = new RateProducer(kafka.bootstrapServers(), Map.of(), TOPIC, 400,
          new OrderEvents(new Random(1)));
          Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
        producer.start();
        Path bucket = data.resolve("recovery-lake");
        String workerBId = workerB.getHost() + ":" + workerB.getPort();
        // steady state: every partition landed files, one task per worker, the sink group's assignment settled
        await(Duration.ofSeconds(120), () -> filesByPartition(bucket).size() == PARTITIONS
            && tasksOnTwoWorkers(workerA, name) && assigned(admin, name) == PARTITIONS
            && !partitionsOfWorker(admin, workerA, name, workerBId).isEmpty());
        Set<Integer> deadPartitions = partitionsOfWorker(admin, workerA, name, workerBId);
        Map<Integer, Set<String>> before = filesByPartition(bucket);

        long killed = System.nanoTime();
        processes.get(1).destroyForcibly(); // SIGKILL
        Map<Integer, Long> recovered = new TreeMap<>();
        long deadline = killed + Duration.ofSeconds(120).toNanos();
        while (recovered.size() < deadPartitions.size() && System.nanoTime() < deadline) {
          Map<Integer, Set<String>> now = filesByPartition(bucket);
          for (int partition : deadPartitions) {
            Set<String> fresh = new HashSet<>(now.getOrDefault(partition, Set.of()));
            fresh.removeAll(before.getOrDefault(partition, Set.of()));
            if (!fresh.isEmpty() && !recovered.containsKey(partition)) {
              recovered.put(partition, (System.nanoTime() - killed) / 1_000_000);
            }
          }
          Thread.sleep(100);
        }
        System.out.printf("RecoveryTimeIT: worker b SIGKILLed; its partitions %s landed new files after %s ms%n",
            deadPartitions, recovered);
        assertThat(recovered.keySet()).as("every partition of the dead worker lands again").isEqualTo(deadPartitions);
        assertThat(recovered.values()).allMatch(ms -> ms < 20_000);
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
      for (Process process : processes) {
        process.waitFor();
      }
    }
  }

  private URI startWorker(String bootstrap, Path pluginPath, List<Process> processes, String label)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        WorkerProcess.class.getName(), bootstrap, "recovery-it", pluginPath.toString())
        .redirectError(dir.resolve("worker-" + label + ".log").toFile()).start();
    processes.add(process);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("REST ")) {
        return URI.create(line.substring(5).trim());
      }
    }
    throw new IOException("worker " + label + " exited before its REST API started; see its log "
        + Files.readString(dir.resolve("worker-" + label + ".log")).lines().filter(l -> l.contains("ERROR"))
            .findFirst().orElse(""));
  }

  private static Map<Integer, Set<String>> filesByPartition(Path bucket) throws IOException {
    Map<Integer, Set<String>> files = new HashMap<>();
    if (!Files.isDirectory(bucket)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(bucket)) {
      walk.filter(p -> !p.toString().contains("/_epochs/")).forEach(p -> {
        Matcher m = FILE.matcher(p.getFileName().toString());
        if (m.matches()) {
          files.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new HashSet<>()).add(p.toString());
        }
      });
    }
    return files;
  }

  private static JsonNode status(URI worker, String name) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        worker.resolve("/connectors/" + name + "/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
  }

  private static boolean tasksOnTwoWorkers(URI worker, String name) throws IOException, InterruptedException {
    Set<String> workers = new HashSet<>();
    for (JsonNode task : status(worker, name).path("tasks")) {
      if (task.path("state").asText().equals("RUNNING")) {
        workers.add(task.path("worker_id").asText());
      }
    }
    return workers.size() == 2;
  }

  /** How many partitions the sink group's members hold. */
  private static int assigned(Admin admin, String name) throws Exception {
    return admin.describeConsumerGroups(List.of("connect-" + name)).all().get().get("connect-" + name).members()
        .stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
  }

  /** The partitions the sink consumers of the tasks on {@code workerId} own. */
  private static Set<Integer> partitionsOfWorker(Admin admin, URI anyWorker, String name, String workerId)
      throws Exception {
    Set<String> taskIds = new HashSet<>();
    for (JsonNode task : status(anyWorker, name).path("tasks")) {
      if (task.path("worker_id").asText().equals(workerId)) {
        taskIds.add(task.path("id").asText());
      }
    }
    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("connect-" + name)).all().get()
        .get("connect-" + name);
    Set<Integer> partitions = new HashSet<>();
    for (MemberDescription member : group.members()) {
      String clientId = member.clientId();
      String taskId = clientId.substring(clientId.lastIndexOf('-') + 1);
      if (taskIds.contains(taskId)) {
        member.assignment().topicPartitions().stream().map(TopicPartition::partition).forEach(partitions::add);
      }
    }
    return partitions;
  }

  private static void put(URI worker, String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(worker.resolve(path))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isLessThan(300);
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      assertThat(System.nanoTime()).as("timed out after " + timeout).isLessThan(deadline);
      Thread.sleep(250);
    }
  }
}

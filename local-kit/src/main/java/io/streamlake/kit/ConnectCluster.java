package io.streamlake.kit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect workers in distributed mode (the mode MSK Connect runs) in this JVM, started as {@code
 * connect-distributed.sh} starts one ({@link ConnectDistributed#startConnect}), all in one Connect group: plugins
 * found through {@code META-INF/services} ({@code plugin.discovery=service_load}) on the class path and, if set, on
 * {@code plugin.path}; each worker's REST API on a free 127.0.0.1 port. Workers join and leave with {@link
 * #addWorker()} and {@link Worker#close()}; {@link #close()} stops them all.
 */
public final class ConnectCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectCluster.class);
  private static final AtomicInteger GROUPS = new AtomicInteger();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Map<String, String> workerProperties;
  private final List<Worker> workers = new ArrayList<>();
  private boolean closed;

  private ConnectCluster(Map<String, String> workerProperties) {
    this.workerProperties = workerProperties;
  }

  /** Workers of the cluster at {@code bootstrapServers}. */
  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  /** Worker settings; what is not set has the kit's defaults (see {@link #builder}). */
  public static final class Builder {
    private final Map<String, String> props = new LinkedHashMap<>();
    private int workers = 1;
    private String group = "kit-connect-" + GROUPS.incrementAndGet();
    private int replication = 1;

    private Builder(String bootstrapServers) {
      props.put("bootstrap.servers", bootstrapServers);
    }

    /** The Connect group id; its internal topics are {@code <group>-configs}, {@code -offsets}, {@code -status}. */
    public Builder group(String group) {
      this.group = group;
      return this;
    }

    /** Workers started by {@link #start()}; 1 by default. */
    public Builder workers(int count) {
      this.workers = count;
      return this;
    }

    /** Replication factor of the internal topics: 1 by default, -1 for the broker default. */
    public Builder internalTopicReplication(int factor) {
      this.replication = factor;
      return this;
    }

    /** The worker's {@code plugin.path} (comma-separated directories). */
    public Builder pluginPath(String pluginPath) {
      props.put("plugin.path", pluginPath);
      return this;
    }

    public Builder pluginPath(Path pluginPath) {
      return pluginPath(pluginPath.toString());
    }

    /** Any worker setting; it wins over the kit's defaults. */
    public Builder workerProperty(String key, String value) {
      props.put(key, value);
      return this;
    }

    public Builder workerProperties(Map<String, String> settings) {
      props.putAll(settings);
      return this;
    }

    /** Starts the workers and returns once each has joined the group and answers REST requests. */
    public ConnectCluster start() {
      Map<String, String> all = new LinkedHashMap<>();
      all.put("group.id", group);
      all.put("config.storage.topic", group + "-configs");
      all.put("offset.storage.topic", group + "-offsets");
      all.put("status.storage.topic", group + "-status");
      for (String storage : List.of("config", "offset", "status")) {
        all.put(storage + ".storage.replication.factor", Integer.toString(replication));
      }
      all.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      all.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
      all.put("offset.flush.interval.ms", "1000");
      all.put("plugin.discovery", "service_load");
      all.putAll(props);
      // the REST API on a free loopback port, whatever the caller set
      all.put("listeners", "http://127.0.0.1:0");
      all.put("rest.advertised.host.name", "127.0.0.1");
      ConnectCluster cluster = new ConnectCluster(Map.copyOf(all));
      ExitGuard.acquire();
      try {
        for (int i = 0; i < workers; i++) {
          cluster.addWorker();
        }
        return cluster;
      } catch (RuntimeException | Error e) {
        cluster.close();
        throw e;
      }
    }
  }

  /** One worker: its REST API and its id in the group ({@code host:port}). Closing it makes it leave the group. */
  public final class Worker implements AutoCloseable {
    private final Connect connect;
    private final ConnectRest rest;
    private boolean stopped;

    private Worker(Connect connect) {
      this.connect = connect;
      this.rest = new ConnectRest(connect.rest().serverUrl());
    }

    public URI url() {
      return rest.url();
    }

    /** The worker id that connector and task statuses name. */
    public String id() {
      return rest.url().getHost() + ":" + rest.url().getPort();
    }

    public ConnectRest rest() {
      return rest;
    }

    /** Stops this worker; the others take over its connectors and tasks. */
    @Override
    public void close() {
      synchronized (ConnectCluster.this) {
        workers.remove(this);
      }
      stop();
    }

    private void stop() {
      if (!stopped) {
        stopped = true;
        connect.stop();
        connect.awaitStop();
      }
    }
  }

  /** Starts one more worker in the group; returns once it answers REST requests. */
  public Worker addWorker() {
    Worker worker = new Worker(startConnect(workerProperties));
    synchronized (this) {
      workers.add(worker);
    }
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!worker.rest.ready()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Connect worker at " + worker.url() + " did not join its group within "
            + READY_TIMEOUT.toSeconds() + " s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting a worker", e);
      }
    }
    LOG.info("Connect worker {} up in group {}", worker.url(), workerProperties.get("group.id"));
    return worker;
  }

  private static Connect startConnect(Map<String, String> props) {
    ClassLoader caller = Thread.currentThread().getContextClassLoader();
    try {
      return new ConnectDistributed().startConnect(props);
    } finally {
      // starting a worker swaps in Connect's delegating class loader; the caller keeps its own
      Thread.currentThread().setContextClassLoader(caller);
    }
  }

  /** The running workers, in start order. */
  public synchronized List<Worker> workers() {
    return List.copyOf(workers);
  }

  /** The REST API of the first running worker (requests are forwarded to the leader as needed). */
  public synchronized ConnectRest rest() {
    if (workers.isEmpty()) {
      throw new IllegalStateException("no Connect worker is running");
    }
    return workers.get(0).rest;
  }

  /** The settings every worker of this cluster starts with. */
  public Map<String, String> workerProperties() {
    return workerProperties;
  }

  /** Stops every worker, the last started first. */
  @Override
  public void close() {
    List<Worker> running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = new ArrayList<>(workers);
      workers.clear();
    }
    try {
      for (int i = running.size() - 1; i >= 0; i--) {
        try {
          running.get(i).stop();
        } catch (RuntimeException e) {
          LOG.warn("stopping the Connect worker at {} failed", running.get(i).url(), e);
        }
      }
    } finally {
      ExitGuard.release();
    }
  }
}

package io.streamlake.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector JSON file as users keep them: either the flat configuration map ({@code {"connector.class": ...}},
 * what MSK Connect's {@code connectorConfiguration} takes) or the Connect REST shape
 * ({@code {"name": ..., "config": {...}}}). Keys starting with {@code _} are comments and dropped. Numbers and
 * booleans are turned into strings (MSK Connect only takes strings) and noted in {@link #coercions()}.
 */
public final class ConnectorFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String source;
  private final String name;
  private final Map<String, String> config;
  private final List<String> coercions;

  public ConnectorFile(String source, String name, Map<String, String> config, List<String> coercions) {
    this.source = source;
    this.name = name;
    this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    this.coercions = List.copyOf(coercions);
  }

  /** The one connector file a command line names (its only positional argument). */
  public static ConnectorFile single(Args args) throws IOException {
    if (args.positional().size() != 1) {
      throw new Args.UsageException("name exactly one connector JSON file");
    }
    return read(Path.of(args.positional().get(0)));
  }

  /** The command line's {@code --set key=value} settings, in order. */
  public static Map<String, String> overrides(Args args) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String setting : args.all("set")) {
      int eq = setting.indexOf('=');
      if (eq <= 0) {
        throw new Args.UsageException("--set needs key=value, got '" + setting + "'");
      }
      overrides.put(setting.substring(0, eq), setting.substring(eq + 1));
    }
    return overrides;
  }

  public static ConnectorFile read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file.toString(), defaultName(file.getFileName().toString()), in);
    }
  }

  /** Reads a file shipped in the CLI jar under {@code connectors/}. */
  public static ConnectorFile readResource(String fileName) throws IOException {
    try (InputStream in = ConnectorFile.class.getResourceAsStream("/connectors/" + fileName)) {
      if (in == null) {
        throw new IOException("no bundled connector file connectors/" + fileName);
      }
      return parse("connectors/" + fileName + " (bundled)", defaultName(fileName), in);
    }
  }

  static ConnectorFile parse(String source, String defaultName, InputStream in) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw new IOException(source + ": not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(source + ": expected a JSON object of connector settings");
    }
    String name = defaultName;
    JsonNode settings = root;
    if (root.has("config") && root.get("config").isObject()) {
      settings = root.get("config");
      if (root.hasNonNull("name")) {
        name = root.get("name").asText();
      }
    }
    Map<String, String> config = new LinkedHashMap<>();
    List<String> coercions = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (key.startsWith("_")) {
        continue;
      }
      if (value.isTextual()) {
        config.put(key, value.asText());
      } else if (value.isNumber() || value.isBoolean()) {
        config.put(key, value.asText());
        coercions.add(key);
      } else if (value.isNull()) {
        throw new IOException(source + ": " + key + " is null; remove the key or give it a string value");
      } else {
        throw new IOException(source + ": " + key + " must be a string, got " + value.getNodeType());
      }
    }
    if (config.containsKey("name")) {
      name = config.get("name");
    }
    return new ConnectorFile(source, name, config, coercions);
  }

  private static String defaultName(String fileName) {
    return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
  }

  public String source() {
    return source;
  }

  /** The connector name: the {@code name} setting, else the file name without {@code .json}. */
  public String name() {
    return name;
  }

  public Map<String, String> config() {
    return config;
  }

  public String connectorClass() {
    return config.get("connector.class");
  }

  /** Keys whose JSON value was a number or boolean rather than a string. */
  public List<String> coercions() {
    return coercions;
  }

  /** A copy with some settings replaced ({@code null} removes a key). */
  public ConnectorFile with(Map<String, String> changes) {
    Map<String, String> copy = new LinkedHashMap<>(config);
    changes.forEach((k, v) -> {
      if (v == null) {
        copy.remove(k);
      } else {
        copy.put(k, v);
      }
    });
    return new ConnectorFile(source, name, copy, coercions);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

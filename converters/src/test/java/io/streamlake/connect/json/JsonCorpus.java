package io.streamlake.connect.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Hand-written JSON messages at the edges of JsonConverter's reading rules, and mutations of valid messages. */
final class JsonCorpus {

  /** Payloads tried under each schema below (and without a schema). */
  static final String[] PAYLOADS = {"null", "true", "false", "0", "-0", "7", "007", "-12", "1.9", "-1.9", "1e2",
      "1E-2", "-0.0", "1.50", "127", "128", "-129", "32768", "2147483647", "2147483648", "-2147483649",
      "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999",
      "3.4028235e38", "3.5e38", "1.4e-45", "1e-400", "1e400", "2.2250738585072012e-308", "0.1", "4.35",
      "123456789012345678901234567890.123456789", "\"\"", "\"12\"", "\"true\"", "\"AQI=\"", "\" AQI= \"", "\"AQI\"",
      "\"A\"", "\"!!\"", "\"AAAA\\nAAAA\"", "\"\\u00e9\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
      "[]", "[1,2]", "[null]", "[\"a\",1]", "[[1,\"x\"],[2,\"y\"]]", "[[1]]", "[[1,2,3]]", "[1,[2,3]]", "{}",
      "{\"a\":1}", "{\"a\":1,\"a\":2}", "{\"a\":\"x\",\"a\":1}", "{\"a\":1,\"b\":\"x\"}", "{\"f1\":1,\"f2\":\"x\"}",
      "{\"f1\":null}", "{\"f2\":\"x\",\"f1\":5,\"extra\":{\"deep\":[1,2,{}]}}", "{\"f1\":\"bad\",\"f1\":3}",
      "{\"f1\":3,\"f1\":\"bad\"}", "{\"f1\":{\"x\":1},\"f1\":3}", "86399999", "86400000", "-1"};

  /** Schemas (as JSON) the payloads are read with. */
  static final String[] SCHEMAS = {"null", "{\"type\":\"boolean\"}", "{\"type\":\"int8\"}",
      "{\"type\":\"int16\",\"optional\":true}", "{\"type\":\"int32\"}", "{\"type\":\"int64\",\"optional\":true}",
      "{\"type\":\"float\"}", "{\"type\":\"double\",\"optional\":true}", "{\"type\":\"string\"}",
      "{\"type\":\"string\",\"optional\":true,\"default\":\"d\"}", "{\"type\":\"bytes\",\"optional\":true}",
      "{\"type\":\"int32\",\"optional\":false,\"default\":5}",
      "{\"type\":\"array\",\"items\":{\"type\":\"int32\"}}",
      "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true}}",
      "{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"int64\"}}",
      "{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"string\"}}",
      "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"field\":\"f1\"},"
          + "{\"type\":\"string\",\"optional\":true,\"default\":\"dflt\",\"field\":\"f2\"}]}",
      "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"f1\"}],\"optional\":true}",
      "{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"2\"}}",
      "{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\"}",
      "{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\"}",
      "{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Time\",\"optional\":true}",
      "{\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\"}",
      "{\"type\":\"string\",\"name\":\"org.apache.kafka.connect.data.Timestamp\"}",
      "{\"type\":\"int64\",\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1}"};

  /** Whole messages: envelopes with odd schemas, odd shapes, encodings and limits. */
  static List<byte[]> messages() {
    List<String> texts = new ArrayList<>(List.of("", " ", "\n\t ", "null", "1", "\"s\"", "[]", "{}", "{} x", "1 2",
        "{\"schema\":null}", "{\"payload\":1}", "{\"schema\":null,\"payload\":1,\"x\":2}",
        "{\"schema\":null,\"payload\":{\"a\":[1,2.5,\"x\",null,true]}}",
        "{\"payload\":{\"a\":1},\"schema\":null}",
        "{\"payload\":5,\"schema\":{\"type\":\"int32\"}}",
        "{\"schema\":{\"type\":\"int32\"},\"payload\":5,\"schema\":{\"type\":\"string\"}}",
        "{\"schema\":{\"type\":\"int32\"},\"payload\":5,\"payload\":\"x\"}",
        "{\"schema\":{\"type\":\"int32\"},\"payload\":\"bad\",\"payload\":6}",
        "{\"schema\":{\"type\":\"int32\"},\"schema\":{\"type\":\"int64\"},\"payload\":5}",
        "{\"schema\":{\"type\":\"int32\"},\"payload\":5}trailing",
        "{\"schema\":{\"type\":\"int32\"},\"payload\":5} {",
        "{\"schema\":{},\"payload\":1}", "{\"schema\":5,\"payload\":1}", "{\"schema\":[],\"payload\":1}",
        "{\"schema\":{\"type\":5},\"payload\":1}", "{\"schema\":{\"type\":\"int128\"},\"payload\":1}",
        "{\"schema\":{\"type\":\"array\"},\"payload\":[]}", "{\"schema\":{\"type\":\"array\",\"items\":null},\"payload\":[]}",
        "{\"schema\":{\"type\":\"array\",\"items\":5},\"payload\":[]}",
        "{\"schema\":{\"type\":\"map\",\"values\":{\"type\":\"int32\"}},\"payload\":{}}",
        "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"int32\"}},\"payload\":{}}",
        "{\"schema\":{\"type\":\"map\",\"keys\":null,\"values\":{\"type\":\"int32\"}},\"payload\":{}}",
        "{\"schema\":{\"type\":\"struct\"},\"payload\":{}}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":{}},\"payload\":{}}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[5]},\"payload\":{}}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\"}]},\"payload\":{}}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"},"
            + "{\"type\":\"int32\",\"field\":\"a\"}]},\"payload\":{}}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\",\"optional\":true}],"
            + "\"optional\":true,\"default\":{\"a\":1}},\"payload\":null}",
        "{\"schema\":{\"type\":\"int32\",\"default\":\"x\"},\"payload\":null}",
        "{\"schema\":{\"type\":\"int32\",\"default\":null},\"payload\":null}",
        "{\"schema\":{\"type\":\"int32\",\"optional\":true,\"default\":null},\"payload\":null}",
        "{\"schema\":{\"type\":\"int8\",\"default\":300},\"payload\":null}",
        "{\"schema\":{\"type\":\"int32\",\"parameters\":{\"a\":1}},\"payload\":1}",
        "{\"schema\":{\"type\":\"int32\",\"parameters\":{\"b\":\"2\",\"a\":\"1\",\"b\":\"3\"}},\"payload\":1}",
        "{\"schema\":{\"type\":\"int32\",\"parameters\":[]},\"payload\":1}",
        "{\"schema\":{\"type\":\"int32\",\"optional\":\"true\",\"name\":5,\"version\":1.5,\"doc\":null},\"payload\":1}",
        "{\"schema\":{\"type\":\"int32\",\"version\":4294967297,\"name\":\"n\",\"doc\":\"d\"},\"payload\":1}",
        "{\"schema\":{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\",\"default\":5},"
            + "\"payload\":null}",
        "{\"schema\":{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"parameters\":{\"scale\":\"x\"}},\"payload\":\"AQ==\"}",
        "{\"schema\":{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"parameters\":{\"scale\":\"2\"}},\"payload\":\"\"}",
        "{\"schema\":{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"parameters\":{\"scale\":\"2\"},\"default\":\"AQ==\",\"optional\":true},\"payload\":null}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\",\"default\":7}]},"
            + "\"payload\":{\"a\":null}}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\",\"default\":7}]},"
            + "\"payload\":{}}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"field\":\"a\",\"fields\":["
            + "{\"type\":\"string\",\"field\":\"b\"}]}]},\"payload\":{\"a\":{\"b\":5}}}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"}]},"
            + "\"payload\":{\"a\":{\"deep\":[1,2]},\"a\":4}}",
        "{\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"int32\"}},\"payload\":{\"a\":1,\"b\":2,\"a\":3}}",
        "{\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"int32\"}},\"payload\":{\"a\":\"x\",\"b\":2,\"a\":3}}",
        "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"int32\"}},"
            + "\"payload\":{\"a\":null,\"a\":3}}",
        "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"int64\"},\"values\":{\"type\":\"int32\"}},"
            + "\"payload\":[[1,2],[1,3]]}",
        "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"int64\"},\"values\":{\"type\":\"int32\"}},"
            + "\"payload\":[[1,2],5]}",
        "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"int64\"},\"values\":{\"type\":\"int32\"}},"
            + "\"payload\":[[]]}",
        "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"int64\"},\"values\":{\"type\":\"int32\"}},"
            + "\"payload\":[[1,2,3]]}",
        "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"int64\"},\"values\":{\"type\":\"int32\"}},"
            + "\"payload\":{}}",
        "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"int32\"}},"
            + "\"payload\":[]}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[]},\"payload\":[]}",
        "{\"schema\":{\"type\":\"struct\",\"fields\":[]},\"payload\":5}",
        "{\"schema\":{\"type\":\"int32\"} \"payload\":5}", "{\"schema\":{\"type\":\"int32\"},\"payload\":}",
        "{\"schema\":{\"type\":\"int32\"},\"payload\":NaN}", "{\"schema\":null,\"payload\":Infinity}",
        "{\"schema\":null,\"payload\":'x'}", "{\"schema\":null,\"payload\":[1,]}",
        "{\"schema\":null,\"payload\":/*c*/1}", "{schema:null,\"payload\":1}",
        "{\"schema\":null,\"payload\":\"\t\"}", "{\"schema\":null,\"payload\":\"\\x\"}",
        "{\"schema\":null,\"payload\":01.5}", "{\"schema\":null,\"payload\":-01}", "{\"schema\":null,\"payload\":.5}",
        "{\"schema\":null,\"payload\":1.}", "{\"schema\":null,\"payload\":+1}", "{\"schema\":null,\"payload\":1e}"));
    texts.add("{\"schema\":null,\"payload\":" + "[".repeat(998) + "]".repeat(998) + "}");
    texts.add("{\"schema\":null,\"payload\":" + "[".repeat(999) + "]".repeat(999) + "}");
    texts.add("{\"schema\":null,\"payload\":" + "[".repeat(1000) + "]".repeat(1000) + "}");
    texts.add("[".repeat(1000) + "]".repeat(1000));
    texts.add("[".repeat(1001) + "]".repeat(1001));
    texts.add("{\"schema\":null,\"payload\":" + "{\"a\":".repeat(999) + "1" + "}".repeat(999) + "}");
    texts.add("{\"schema\":{\"type\":\"int32\"},\"payload\":1,\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}");
    texts.add("{\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"int32\"}},\"payload\":{\"a\":\"x\",\"a\":"
        + "[".repeat(999) + "]".repeat(999) + "}}");
    for (int digits : new int[] {999, 1000, 1001}) {
      texts.add("{\"schema\":null,\"payload\":" + "9".repeat(digits) + "}");
      texts.add("{\"schema\":null,\"payload\":-" + "9".repeat(digits) + "}");
      texts.add("{\"schema\":null,\"payload\":0." + "9".repeat(digits - 1) + "}");
      texts.add("{\"schema\":null,\"payload\":1." + "9".repeat(digits - 1) + "e5}");
      texts.add("{\"schema\":{\"type\":\"string\"},\"payload\":\"x\",\"x\":" + "9".repeat(digits) + "}");
    }
    for (int length : new int[] {50_000, 50_001}) {
      texts.add("{\"schema\":null,\"payload\":{\"" + "n".repeat(length) + "\":1}}");
    }
    for (String schema : SCHEMAS) {
      for (String payload : PAYLOADS) {
        texts.add("{\"schema\":" + schema + ",\"payload\":" + payload + "}");
        texts.add(payload);
      }
    }
    List<byte[]> messages = new ArrayList<>();
    for (String text : texts) {
      messages.add(text.getBytes(StandardCharsets.UTF_8));
    }
    String envelope = "{\"schema\":{\"type\":\"string\"},\"payload\":\"h\u00e9 \ud83d\ude00\"}";
    messages.add(envelope.getBytes(StandardCharsets.UTF_16BE));
    messages.add(envelope.getBytes(StandardCharsets.UTF_16LE));
    messages.add(envelope.getBytes(StandardCharsets.UTF_16));
    messages.add(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, envelope.getBytes(StandardCharsets.UTF_8)));
    messages.add(envelope.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
    messages.add("{\"schema\":null,\"payload\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    messages.add(new byte[] {'"', (byte) 0xC3, '"'});
    for (String invalid : new String[] {"\u00c3", "\u00ed\u00a0\u0080", "\u00f8\u0088\u0080\u0080\u0080",
        "\u00c0\u00af", "\u0080", "\u00ff"}) {
      byte[] raw = invalid.getBytes(StandardCharsets.ISO_8859_1);
      String bytes = new String(raw, StandardCharsets.ISO_8859_1);
      for (String template : new String[] {
          "{\"schema\":{\"type\":\"int32\",\"x\":\"%s\"},\"payload\":1}",
          "{\"schema\":{\"type\":\"struct\",\"fields\":[]},\"payload\":{\"extra\":\"%s\"}}",
          "{\"schema\":{\"type\":\"int32\"},\"payload\":\"%s\"}",
          "{\"schema\":{\"type\":\"string\"},\"payload\":\"%s\"}",
          "{\"schema\":{\"type\":\"struct\",\"fields\":[]},\"payload\":{\"%s\":1}}",
          "{\"schema\":null,\"payload\":{\"%s\":1}}"}) {
        messages.add(String.format(template, bytes).getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    messages.add(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'});
    return messages;
  }

  /** Variants of a valid envelope: truncated, with a byte changed, reordered, repeated and extended. */
  static List<byte[]> mutations(byte[] message, Random random) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 3 && message.length > 1; i++) {
      out.add(Arrays.copyOf(message, random.nextInt(message.length)));
    }
    byte[] changed = message.clone();
    if (changed.length > 0) {
      changed[random.nextInt(changed.length)] = (byte) "{}[],:\"0a\\ ".charAt(random.nextInt(11));
      out.add(changed);
    }
    int[] split = envelopeSplit(message);
    if (split != null) {
      byte[] schema = Arrays.copyOfRange(message, split[0], split[1]);
      byte[] payload = Arrays.copyOfRange(message, split[2], message.length - 1);
      out.add(join("{\"payload\":", payload, ",\"schema\":", schema, "}"));
      out.add(join("{ \"schema\" : ", schema, " ,\n \"payload\" : ", payload, " }"));
      out.add(join("{\"schema\":", schema, ",\"payload\":", payload, ",\"payload\":", payload, "}"));
      out.add(join("{\"schema\":", schema, ",\"payload\":", payload, ",\"extra\":1}"));
      out.add(join("{\"schema\":null,\"payload\":", payload, "}"));
    }
    return out;
  }

  /** For {@code {"schema":S,"payload":P}}: S's start and end and P's start; null for other shapes. */
  private static int[] envelopeSplit(byte[] message) {
    String prefix = "{\"schema\":";
    if (!new String(message, StandardCharsets.UTF_8).startsWith(prefix)) {
      return null;
    }
    try (JsonParser p = new JsonFactory().createParser(message)) {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      p.skipChildren();
      p.finishToken();
      int end = (int) p.getCurrentLocation().getByteOffset();
      byte[] separator = utf8(",\"payload\":");
      boolean usual = end + separator.length < message.length
          && Arrays.equals(message, end, end + separator.length, separator, 0, separator.length);
      return usual ? new int[] {prefix.length(), end, end + separator.length} : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] join(Object... parts) {
    byte[] out = new byte[0];
    for (Object part : parts) {
      out = concat(out, part instanceof byte[] bytes ? bytes : utf8((String) part));
    }
    return out;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

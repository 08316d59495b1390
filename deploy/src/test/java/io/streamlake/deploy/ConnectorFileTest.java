package io.streamlake.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectorFileTest {

  private static ConnectorFile parse(String json) throws IOException {
    return ConnectorFile.parse("test.json", "from-file-name",
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void testFlatMapTakesItsNameFromTheFile() throws IOException {
    ConnectorFile file = parse("{\"connector.class\": \"a.B\", \"_comment\": \"dropped\"}");
    assertThat(file.name()).isEqualTo("from-file-name");
    assertThat(file.config()).containsOnlyKeys("connector.class");
  }

  @Test
  void testRestShapeTakesItsNameFromTheJson() throws IOException {
    ConnectorFile file = parse("{\"name\": \"orders\", \"config\": {\"connector.class\": \"a.B\"}}");
    assertThat(file.name()).isEqualTo("orders");
    assertThat(file.connectorClass()).isEqualTo("a.B");
  }

  @Test
  void testNumbersBecomeStringsAndAreNoted() throws IOException {
    ConnectorFile file = parse("{\"tasks.max\": 6, \"s3.object.tagging\": true}");
    assertThat(file.config()).containsEntry("tasks.max", "6").containsEntry("s3.object.tagging", "true");
    assertThat(file.coercions()).containsExactly("tasks.max", "s3.object.tagging");
  }

  @Test
  void testNestedValueIsRejected() {
    assertThatThrownBy(() -> parse("{\"topics\": [\"a\"]}")).isInstanceOf(IOException.class)
        .hasMessageContaining("topics must be a string");
  }

  @Test
  void testBrokenJsonNamesTheFile() {
    assertThatThrownBy(() -> parse("{\"topics\": ")).isInstanceOf(IOException.class)
        .hasMessageStartingWith("test.json: not valid JSON");
  }
}

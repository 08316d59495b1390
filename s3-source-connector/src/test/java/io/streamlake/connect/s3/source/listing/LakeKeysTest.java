package io.streamlake.connect.s3.source.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LakeKeysTest {

  private final LakeKeys keys = new LakeKeys("topics");

  private LakeFile parse(String key) {
    return keys.parse(key).orElseThrow(() -> new AssertionError("not parsed: " + key));
  }

  @Test
  void dataFileOfTheDefaultPartitioner() {
    LakeFile file = parse("topics/orders/partition=3/orders+3+0000012000.snappy.parquet");
    assertThat(file).isEqualTo(new LakeFile("topics/orders/partition=3/orders+3+0000012000.snappy.parquet", "orders",
        "partition=3", "orders", 3, 12000, 0, LakeFile.Kind.DATA, ".snappy.parquet"));
    assertThat(file.base()).isEqualTo("topics/orders/partition=3/orders+3+0000012000");
    assertThat(file.pair()).isEqualTo(new SourcePair("orders", 3));
  }

  @Test
  void timePartitionedPathWithSeveralSegments() {
    LakeFile file = parse("topics/order-events/year=2026/month=12/day=31/hour=23/order-events+0+0000000042.json.gz");
    assertThat(file.encodedPartition()).isEqualTo("year=2026/month=12/day=31/hour=23");
    assertThat(file.extension()).isEqualTo(".json.gz");
    assertThat(file.startOffset()).isEqualTo(42);
  }

  @Test
  void variantKeys() {
    LakeFile file = parse("topics/orders/partition=0/orders+0+0000000010.2.avro");
    assertThat(file.variant()).isEqualTo(2);
    assertThat(file.startOffset()).isEqualTo(10);
    assertThat(file.extension()).isEqualTo(".avro");
    assertThat(file.base()).isEqualTo("topics/orders/partition=0/orders+0+0000000010.2");
  }

  @Test
  void sideFilesShareTheirDataFilesBase() {
    LakeFile data = parse("topics/orders/partition=0/orders+0+0000000010.1.parquet");
    LakeFile keysFile = parse("topics/orders/partition=0/orders+0+0000000010.1.keys.avro");
    LakeFile headers = parse("topics/orders/partition=0/orders+0+0000000010.1.headers.json.gz");
    assertThat(keysFile.kind()).isEqualTo(LakeFile.Kind.KEYS);
    assertThat(headers.kind()).isEqualTo(LakeFile.Kind.HEADERS);
    assertThat(keysFile.base()).isEqualTo(data.base());
    assertThat(headers.base()).isEqualTo(data.base());
    assertThat(keysFile.variant()).isEqualTo(1);
  }

  @Test
  void epochMarkersAndForeignObjectsAreNotFiles() {
    assertThat(keys.parse("topics/_epochs/orders/0/0000000000.json")).isEmpty();
    assertThat(keys.parse("topics/_epochs/orders+0+0000000000.json")).isEmpty();
    assertThat(keys.parse("topics/orders/partition=0/orders+0+0000000000.txt")).isEmpty();
    assertThat(keys.parse("topics/orders/partition=0/README.md")).isEmpty();
    assertThat(keys.parse("other/orders/partition=0/orders+0+0000000000.json")).isEmpty();
    assertThat(keys.parse("topics/orders+0+0000000000.json")).isEmpty();
  }

  @Test
  void encodedTopicNamesAreDecodedAndRoutedDirectoriesKeepTheOriginalTopic() {
    LakeFile file = parse("topics/all%2Dorders/partition=0/dbserver1.inventory.orders+0+0000000007.parquet");
    assertThat(file.pathTopic()).isEqualTo("all-orders");
    assertThat(file.topic()).isEqualTo("dbserver1.inventory.orders");
    assertThat(LakeKeys.decode("a%20b%C3%A9")).isEqualTo("a bé");
    assertThat(keys.parse("topics/x/p/bad%ZZ+0+0000000000.json")).isEmpty();
  }

  @Test
  void topicsDirIsNormalisedAndMayBeEmpty() {
    assertThat(new LakeKeys("/lake/topics/").prefix()).isEqualTo("lake/topics/");
    LakeKeys root = new LakeKeys("");
    assertThat(root.prefix()).isEmpty();
    assertThat(root.parse("orders/partition=0/orders+0+0000000000.json")).map(LakeFile::topic)
        .isEqualTo(Optional.of("orders"));
    assertThat(keys.topicPrefix("topics/orders/partition=0/orders+0+0000000000.json")).isEqualTo("topics/orders/");
  }

  @Test
  void filesOfAPairOrderByStartOffsetThenVariant() {
    LakeFile a = parse("topics/o/p=1/o+0+0000000010.parquet");
    LakeFile b = parse("topics/o/p=0/o+0+0000000010.1.parquet");
    LakeFile c = parse("topics/o/p=0/o+0+0000000002.parquet");
    assertThat(java.util.stream.Stream.of(a, b, c).sorted(LakeFile.ORDER)).containsExactly(c, a, b);
  }
}

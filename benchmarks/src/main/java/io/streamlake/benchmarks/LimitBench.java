package io.streamlake.benchmarks;

import io.streamlake.connect.s3.config.S3SinkConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The limit (issue item 1): the cost of only encoding N order events to Parquet in memory on one thread, with
 * parquet-avro and the settings our sink uses (page 1 MiB, row group 8 MiB, dictionary on, the sink's list
 * structure), from Avro records built straight from the values (no Connect conversion). Files are cut every
 * {@code --file-records} records, as the sink path cuts them. Record building is outside the timed region.
 *
 * <p>Arguments: {@code --records=N --passes=P --file-records=F --codec=snappy}.
 */
public final class LimitBench {

  private static final int BATCH = 10_000;

  /** One heap codec factory for all files, page-sized buffers: what the sink uses too (SharedCodecs). */
  private static final CodecFactory CODECS = new CodecFactory(new PlainParquetConfiguration(), 1024 * 1024);

  private LimitBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = Bench.args(argv);
    long records = Long.parseLong(args.getOrDefault("records", "1000000"));
    int passes = Integer.parseInt(args.getOrDefault("passes", "5"));
    int fileRecords = Integer.parseInt(args.getOrDefault("file-records", "100000"));
    CompressionCodecName codec = CompressionCodecName.valueOf(args.getOrDefault("codec", "snappy").toUpperCase());
    MemoryOutputFile out = new MemoryOutputFile();
    List<Map<String, Object>> results = new ArrayList<>();
    for (int pass = 1; pass <= passes; pass++) {
      long nanos = 0;
      long cpu = 0;
      long bytes = 0;
      int files = 0;
      ParquetWriter<GenericRecord> writer = null;
      long inFile = 0;
      for (long first = 0; first < records; first += BATCH) {
        List<GenericData.Record> batch = AvroOrders.avroRecords(first, (int) Math.min(BATCH, records - first));
        long start = System.nanoTime();
        long cpuStart = Bench.threadCpuNanos();
        for (GenericData.Record record : batch) {
          if (writer == null) {
            writer = open(out, codec);
          }
          writer.write(record);
          if (++inFile == fileRecords) {
            writer.close();
            bytes += out.length();
            files++;
            writer = null;
            inFile = 0;
          }
        }
        nanos += System.nanoTime() - start;
        cpu += Bench.threadCpuNanos() - cpuStart;
      }
      if (writer != null) {
        long start = System.nanoTime();
        long cpuStart = Bench.threadCpuNanos();
        writer.close();
        nanos += System.nanoTime() - start;
        cpu += Bench.threadCpuNanos() - cpuStart;
        bytes += out.length();
        files++;
      }
      double seconds = nanos / 1e9;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("pass", pass);
      r.put("seconds", Bench.round(seconds, 3));
      r.put("recordsPerSec", Math.round(records / seconds));
      r.put("cpuSeconds", Bench.round(cpu / 1e9, 3));
      r.put("recordsPerCpuSec", Math.round(records / (cpu / 1e9)));
      r.put("parquetMBPerSec", Bench.round(bytes / 1e6 / seconds, 2));
      r.put("files", files);
      r.put("parquetBytes", bytes);
      results.add(r);
      System.out.printf("limit pass %d: %s%n", pass, r);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("records", records);
    result.put("codec", codec.name().toLowerCase());
    result.put("fileRecords", fileRecords);
    result.put("meanJsonValueBytes", Bench.round(OrderEvents.meanJsonBytes(), 1));
    result.put("passes", results);
    result.put("jvm", Bench.jvm());
    Bench.printResult(result);
  }

  static ParquetWriter<GenericRecord> open(MemoryOutputFile out, CompressionCodecName codec) throws Exception {
    PlainParquetConfiguration conf = new PlainParquetConfiguration(Map.of(
        "parquet.avro.write-old-list-structure", "false",
        "parquet.avro.add-list-element-records", "false"));
    return AvroParquetWriter.<GenericRecord>builder(out)
        .withConf(conf)
        .withSchema(AvroOrders.AVRO)
        .withDataModel(GenericData.get())
        .withCompressionCodec(codec)
        .withCodecFactory(CODECS)
        .withPageSize(1024 * 1024)
        .withDictionaryEncoding(S3SinkConfig.PARQUET_DICTIONARY_DEFAULT)
        .withRowGroupSize((long) S3SinkConfig.PARQUET_ROW_GROUP_DEFAULT)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }
}

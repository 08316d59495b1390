package io.streamlake.connect.s3.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadStreamTest {

  private static final int PART = 5 * 1024 * 1024;

  @Test
  void smallObjectsUseOneConditionalPut() throws Exception {
    InMemoryObjectStore store = new InMemoryObjectStore();
    UploadStream upload = new UploadStream(store, "k", PART);
    upload.write("hello".getBytes());
    UploadStream.Sealed sealed = upload.seal(new ObjectStore.ObjectOptions(Map.of("a", "b"), Map.of()));
    assertThat(store.keys()).isEmpty();
    assertThat(sealed.commit()).isTrue();
    assertThat(store.object("k")).isEqualTo("hello".getBytes());
    assertThat(store.tags("k")).containsEntry("a", "b");
    assertThat(store.partUploads()).isZero();
  }

  @Test
  void largeObjectsStreamPartsAndKeepAtMostOnePartInMemory() throws Exception {
    InMemoryObjectStore store = new InMemoryObjectStore();
    UploadStream upload = new UploadStream(store, "big", PART);
    byte[] chunk = new byte[1024 * 1024];
    for (int i = 0; i < 12; i++) {
      Arrays.fill(chunk, (byte) i);
      upload.write(chunk);
      assertThat(upload.buffered()).isLessThan(PART);
    }
    assertThat(store.partUploads()).isEqualTo(2);
    assertThat(store.keys()).isEmpty();
    assertThat(upload.seal(ObjectStore.ObjectOptions.NONE).commit()).isTrue();
    assertThat(store.partUploads()).isEqualTo(3);
    byte[] object = store.object("big");
    assertThat(object).hasSize(12 * 1024 * 1024);
    assertThat(object[11 * 1024 * 1024]).isEqualTo((byte) 11);
    assertThat(store.openUploads()).isZero();
  }

  @Test
  void bytesOfEverySizeArriveInOrderAndTheBufferHoldsAtMostTwiceWhatItKeeps() throws Exception {
    InMemoryObjectStore store = new InMemoryObjectStore();
    int part = 64 * 1024; // small parts: many part boundaries inside one write
    UploadStream upload = new UploadStream(store, "mixed", part);
    java.util.Random random = new java.util.Random(7);
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 400; i++) {
      if (i % 3 == 0) {
        int b = random.nextInt(256);
        upload.write(b);
        expected.write(b);
      } else {
        byte[] bytes = new byte[random.nextInt(i % 7 == 0 ? 150_000 : 3_000)];
        random.nextBytes(bytes);
        upload.write(bytes, 0, bytes.length);
        expected.write(bytes, 0, bytes.length);
      }
      assertThat(upload.buffered()).isLessThan(part);
      assertThat(upload.allocated()).isLessThanOrEqualTo(Math.max(1024, 2 * upload.buffered()));
    }
    assertThat(upload.total()).isEqualTo(expected.size());
    assertThat(upload.seal(ObjectStore.ObjectOptions.NONE).commit()).isTrue();
    assertThat(store.object("mixed")).isEqualTo(expected.toByteArray());
    assertThat(store.partUploads()).isEqualTo((expected.size() + part - 1) / part);
  }

  @Test
  void secondCommitOfTheSameKeyReportsExisting() throws Exception {
    InMemoryObjectStore store = new InMemoryObjectStore();
    for (int attempt = 0; attempt < 2; attempt++) {
      UploadStream upload = new UploadStream(store, "same", PART);
      upload.write(new byte[PART + 10]);
      boolean created = upload.seal(ObjectStore.ObjectOptions.NONE).commit();
      assertThat(created).isEqualTo(attempt == 0);
    }
    assertThat(store.openUploads()).isZero();
  }

  @Test
  void abortLeavesNothingBehind() throws Exception {
    InMemoryObjectStore store = new InMemoryObjectStore();
    UploadStream upload = new UploadStream(store, "gone", PART);
    upload.write(new byte[PART + 1]);
    upload.abort();
    assertThat(store.keys()).isEmpty();
    assertThat(store.openUploads()).isZero();
  }
}

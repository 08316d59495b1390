package io.streamlake.connect.s3.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The ETag S3 gives an object completed from parts: the MD5 of the parts' binary MD5s, a dash, and the part
 * count. Lets a task tell its own completed upload (whose answer was lost) from another writer's object.
 */
final class MultipartEtag {

  private MultipartEtag() {}

  static String of(List<String> partEtags) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (String etag : partEtags) {
        md5.update(HexFormat.of().parseHex(unquote(etag)));
      }
      return HexFormat.of().formatHex(md5.digest()) + "-" + partEtags.size();
    } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
      return ""; // a part ETag that is not an MD5: cannot tell, so the object is not taken as ours
    }
  }

  static String unquote(String etag) {
    if (etag == null) {
      return "";
    }
    String out = etag.trim();
    if (out.length() >= 2 && out.startsWith("\"") && out.endsWith("\"")) {
      out = out.substring(1, out.length() - 1);
    }
    return out;
  }
}

package io.streamlake.deploy.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One S3 request as it reached the endpoint (path-style: {@code /<bucket>/<key>?<query>}), and the IAM actions
 * S3 authorises it by: PUT object, CreateMultipartUpload, UploadPart and CompleteMultipartUpload need
 * {@code s3:PutObject} (plus {@code s3:PutObjectTagging} when tags travel in {@code x-amz-tagging});
 * GET and HEAD object need {@code s3:GetObject}; DELETE with an uploadId is {@code s3:AbortMultipartUpload};
 * ListObjects(V2) and HEAD bucket are {@code s3:ListBucket} on the bucket, with {@code s3:prefix} in the context.
 */
record S3Call(String method, String bucket, String key, Map<String, String> query, boolean taggingHeader) {

  /** One action on one resource, with the condition context the request gives. */
  record Check(String action, String resource, Map<String, String> context) {}

  static S3Call parse(String method, String rawPath, String rawQuery, boolean taggingHeader) {
    String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8).substring(1);
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    String key = slash < 0 || slash == path.length() - 1 ? "" : path.substring(slash + 1);
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return new S3Call(method, bucket, key, query, taggingHeader);
  }

  /** The same request against another key (for the "nothing on other prefixes" checks). */
  S3Call withKey(String otherKey) {
    return new S3Call(method, bucket, otherKey, query, taggingHeader);
  }

  List<Check> checks() {
    String objectArn = "arn:aws:s3:::" + bucket + "/" + key;
    String bucketArn = "arn:aws:s3:::" + bucket;
    List<Check> checks = new ArrayList<>();
    if (key.isEmpty()) {
      switch (method) {
        case "GET", "HEAD" -> checks.add(new Check("s3:ListBucket", bucketArn,
            query.containsKey("prefix") ? Map.of("s3:prefix", query.get("prefix")) : Map.of()));
        case "PUT" -> checks.add(new Check("s3:CreateBucket", bucketArn, Map.of()));
        case "DELETE" -> checks.add(new Check("s3:DeleteBucket", bucketArn, Map.of()));
        default -> throw new IllegalArgumentException("unmapped bucket request " + this);
      }
      return checks;
    }
    switch (method) {
      case "GET", "HEAD" -> checks.add(new Check(query.containsKey("tagging") ? "s3:GetObjectTagging"
          : query.containsKey("uploadId") ? "s3:ListMultipartUploadParts" : "s3:GetObject", objectArn, Map.of()));
      case "PUT" -> {
        if (query.containsKey("tagging")) {
          checks.add(new Check("s3:PutObjectTagging", objectArn, Map.of()));
        } else {
          checks.add(new Check("s3:PutObject", objectArn, Map.of())); // a whole object or a part
          if (taggingHeader) {
            checks.add(new Check("s3:PutObjectTagging", objectArn, Map.of()));
          }
        }
      }
      case "POST" -> {
        checks.add(new Check("s3:PutObject", objectArn, Map.of())); // ?uploads (create) or ?uploadId (complete)
        if (taggingHeader) {
          checks.add(new Check("s3:PutObjectTagging", objectArn, Map.of()));
        }
      }
      case "DELETE" -> checks.add(new Check(query.containsKey("uploadId") ? "s3:AbortMultipartUpload"
          : "s3:DeleteObject", objectArn, Map.of()));
      default -> throw new IllegalArgumentException("unmapped object request " + this);
    }
    return checks;
  }

  /** A short name of the S3 operation, for coverage assertions. */
  String operation() {
    if (key.isEmpty()) {
      return method.equals("GET") ? "ListObjects" : method + "Bucket";
    }
    return switch (method) {
      case "PUT" -> query.containsKey("tagging") ? "PutObjectTagging"
          : query.containsKey("partNumber") ? "UploadPart" : "PutObject";
      case "POST" -> query.containsKey("uploads") ? "CreateMultipartUpload" : "CompleteMultipartUpload";
      case "DELETE" -> query.containsKey("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
      case "HEAD" -> "HeadObject";
      default -> query.containsKey("tagging") ? "GetObjectTagging" : "GetObject";
    };
  }
}

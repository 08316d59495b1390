package io.streamlake.connect.s3.catalog;

/** A Glue/Hive column: lower-case name and Hive type ({@code bigint}, {@code struct<a:int>}, ...). */
public record HiveColumn(String name, String type) {
}

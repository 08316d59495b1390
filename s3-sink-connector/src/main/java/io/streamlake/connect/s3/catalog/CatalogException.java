package io.streamlake.connect.s3.catalog;

/** A table that cannot be built or changed as asked: the message says which topic, column or option, and why. */
public final class CatalogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }
}

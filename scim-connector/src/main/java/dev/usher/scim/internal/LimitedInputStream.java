package dev.usher.scim.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/** Stops reading a response body that grows past the limit, so a huge body cannot exhaust memory. */
final class LimitedInputStream extends FilterInputStream {
  /** The body passed the limit. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("response too large");
    }
  }

  private final long limit;
  private long count;

  /** @param mayBeEmpty the length is unknown: wrap so that {@link #isEmpty()} can look ahead */
  LimitedInputStream(InputStream in, long limit, boolean mayBeEmpty) {
    super(mayBeEmpty ? new PushbackInputStream(in, 1) : in);
    this.limit = limit;
  }

  /** True when the body has no bytes at all. */
  boolean isEmpty() throws IOException {
    if (!(in instanceof PushbackInputStream p)) {
      return false;
    }
    int b = p.read();
    if (b < 0) {
      return true;
    }
    p.unread(b);
    return false;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = super.skip(n);
    add(s);
    return s;
  }

  private void add(long n) throws TooLargeException {
    count += n;
    if (count > limit) {
      throw new TooLargeException();
    }
  }

  /** Reads what is left, so the connection can be reused. */
  void drain() throws IOException {
    byte[] buf = new byte[8192];
    while (read(buf, 0, buf.length) >= 0) {
      // discard
    }
  }
}

package io.lapsbridge.rpc.dce;

import io.lapsbridge.rpc.RpcException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;

/** Reads and writes whole fragments on a stream; the fragment length is in the header. */
final class Framing {
  private Framing() {}

  /** One fragment, or {@code null} when the peer closed cleanly before sending anything. */
  static byte[] readOrEnd(InputStream in, String peer) throws RpcException {
    byte[] header = new byte[Pdu.HEADER_LENGTH];
    int first;
    try {
      first = in.read(header, 0, 1);
    } catch (SocketTimeoutException e) {
      throw new RpcException(RpcException.Kind.TIMEOUT, peer + " did not answer in time", e);
    } catch (IOException e) {
      throw dropped(peer, e);
    }
    if (first < 0) {
      return null;
    }
    readFully(in, header, 1, Pdu.HEADER_LENGTH - 1, peer);
    int fragLength = (header[8] & 0xFF) | (header[9] & 0xFF) << 8;
    if (fragLength < Pdu.HEADER_LENGTH) {
      throw RpcException.malformed("PDU fragment length " + fragLength + " is below 16");
    }
    byte[] frame = new byte[fragLength];
    System.arraycopy(header, 0, frame, 0, Pdu.HEADER_LENGTH);
    readFully(in, frame, Pdu.HEADER_LENGTH, fragLength - Pdu.HEADER_LENGTH, peer);
    return frame;
  }

  /** One fragment; the connection ending here is a drop. */
  static byte[] read(InputStream in, String peer) throws RpcException {
    byte[] frame = readOrEnd(in, peer);
    if (frame == null) {
      throw dropped(peer, new EOFException("connection closed"));
    }
    return frame;
  }

  static void write(OutputStream out, byte[] frame, String peer) throws RpcException {
    try {
      out.write(frame);
      out.flush();
    } catch (IOException e) {
      throw dropped(peer, e);
    }
  }

  private static void readFully(InputStream in, byte[] b, int off, int len, String peer)
      throws RpcException {
    int done = 0;
    while (done < len) {
      int n;
      try {
        n = in.read(b, off + done, len - done);
      } catch (SocketTimeoutException e) {
        throw new RpcException(RpcException.Kind.TIMEOUT, peer + " did not answer in time", e);
      } catch (IOException e) {
        throw dropped(peer, e);
      }
      if (n < 0) {
        throw dropped(peer, new EOFException("connection closed mid-fragment"));
      }
      done += n;
    }
  }

  private static RpcException dropped(String peer, IOException e) {
    return new RpcException(
        RpcException.Kind.CONNECTION_DROPPED,
        peer + " closed the connection in the middle of an exchange (" + e.getMessage() + ")",
        e);
  }
}

package dev.ephemery.health.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Streams to ports of this machine (a local host's loopback-published ports). */
public final class LocalStreams implements NodeHttp.Streams {

  @Override
  public NodeHttp.Conn open(String host, int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return new NodeHttp.Conn() {
      @Override
      public InputStream in() throws IOException {
        return socket.getInputStream();
      }

      @Override
      public OutputStream out() throws IOException {
        return socket.getOutputStream();
      }

      @Override
      public void close() {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    };
  }

  @Override
  public String describe() {
    return "this machine";
  }
}

package dev.ephemery.release;

import dev.ephemery.common.Pause;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a URL to a file, hashing it (SHA-256) on the way, with bounded retries and backoff on
 * 5xx, timeouts, stalls and truncated bodies. TLS is the JDK's default: certificates are always
 * checked.
 */
public final class Downloader {

  /**
   * @param attempts tries per URL (at least 1)
   * @param backoff wait before the second try; doubled for each further try
   * @param headersTimeout from request to response headers
   * @param stallTimeout longest time without a byte of body
   * @param maxBytes a body longer than this is refused
   */
  public record Settings(
      int attempts,
      Duration backoff,
      Duration headersTimeout,
      Duration stallTimeout,
      long maxBytes) {
    public static final Settings DEFAULT =
        new Settings(
            4, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30), 1L << 30);
  }

  /** A file on disk, its size and SHA-256 (hex). */
  public record Download(URI uri, Path file, long bytes, String sha256) {}

  private final HttpClient client;
  private final Settings settings;
  private final PrintStream progress;

  /**
   * @param progress where to draw a progress bar, or null (no terminal)
   */
  public Downloader(HttpClient client, Settings settings, PrintStream progress) {
    this.client = client;
    this.settings = settings;
    this.progress = progress;
  }

  public static HttpClient defaultClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  public Download download(URI uri, Path target, Map<String, String> headers)
      throws SourceException {
    SourceException last = null;
    for (int attempt = 1; attempt <= Math.max(1, settings.attempts()); attempt++) {
      if (attempt > 1) {
        pause(settings.backoff().multipliedBy(1L << Math.min(attempt - 2, 6)));
      }
      try {
        return once(uri, target, headers);
      } catch (SourceException e) {
        last = e;
        Log.LOG.info("download {} failed (attempt {}): {}", uri, attempt, e.getMessage());
        if (!e.retryable()) {
          break;
        }
      }
    }
    throw last;
  }

  private Download once(URI uri, Path target, Map<String, String> headers) throws SourceException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(settings.headersTimeout()).GET();
    headers.forEach(request::header);
    FileSink sink;
    try {
      Files.deleteIfExists(target);
      sink = new FileSink(target, settings.maxBytes());
    } catch (IOException e) {
      throw new SourceException("cannot write " + target + ": " + e.getMessage(), false, e);
    }
    CompletableFuture<HttpResponse<Long>> future =
        client.sendAsync(request.build(), info -> sink.subscriberFor(info, progress));
    try {
      HttpResponse<Long> response = await(future, sink, uri);
      int status = response.statusCode();
      if (status != 200) {
        throw statusFailure(uri, status);
      }
      OptionalLong expected = response.headers().firstValueAsLong("content-length");
      long bytes = response.body();
      if (expected.isPresent() && expected.getAsLong() != bytes) {
        throw new SourceException(
            uri + ": truncated: " + bytes + " of " + expected.getAsLong() + " bytes", true);
      }
      return new Download(uri, target, bytes, sink.sha256());
    } catch (SourceException e) {
      sink.discard();
      throw e;
    } finally {
      sink.close();
    }
  }

  private HttpResponse<Long> await(
      CompletableFuture<HttpResponse<Long>> future, FileSink sink, URI uri) throws SourceException {
    long stallNanos = settings.stallTimeout().toNanos();
    while (true) {
      try {
        return future.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (sink.started() && System.nanoTime() - sink.lastProgress() > stallNanos) {
          sink.cancel();
          future.cancel(true);
          throw new SourceException(
              uri + ": no data for " + settings.stallTimeout().toSeconds() + " s", true);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        future.cancel(true);
        throw new SourceException("interrupted", false, e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof TooLargeException) {
          throw new SourceException(uri + ": " + cause.getMessage(), false, cause);
        }
        if (cause instanceof HttpTimeoutException) {
          throw new SourceException(uri + ": timed out waiting for an answer", true, cause);
        }
        if (cause instanceof java.net.ConnectException) {
          throw new SourceException(uri + ": cannot connect", true, cause);
        }
        throw new SourceException(
            uri + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), true, cause);
      }
    }
  }

  static SourceException statusFailure(URI uri, int status) {
    boolean retryable = status >= 500 || status == 408;
    String meaning = status == 404 ? " (not published there)" : "";
    return new SourceException(uri + ": HTTP " + status + meaning, retryable);
  }

  private static void pause(Duration duration) throws SourceException {
    if (!Pause.THREAD.pause(duration)) {
      throw new SourceException("interrupted", false);
    }
  }

  private static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  /** Receives the body: writes it, hashes it, counts it, draws progress. */
  private static final class FileSink {
    private final Path target;
    private final long maxBytes;
    private final FileChannel channel;
    private final MessageDigest digest;
    private final AtomicLong bytes = new AtomicLong();
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean started;
    private volatile Flow.Subscription subscription;

    FileSink(Path target, long maxBytes) throws IOException {
      this.target = target;
      this.maxBytes = maxBytes;
      this.channel =
          FileChannel.open(
              target,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    BodySubscriber<Long> subscriberFor(HttpResponse.ResponseInfo info, PrintStream progress) {
      if (info.statusCode() != 200) {
        return HttpResponse.BodySubscribers.replacing(0L);
      }
      started = true;
      lastProgress = System.nanoTime();
      long total = info.headers().firstValueAsLong("content-length").orElse(-1);
      ProgressBar bar = progress == null ? null : new ProgressBar(progress, total);
      return new BodySubscriber<>() {
        private final CompletableFuture<Long> result = new CompletableFuture<>();

        @Override
        public CompletionStage<Long> getBody() {
          return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription = s;
          s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
          try {
            for (ByteBuffer buffer : buffers) {
              ByteBuffer forDigest = buffer.duplicate();
              digest.update(forDigest);
              long count = bytes.addAndGet(buffer.remaining());
              if (count > maxBytes) {
                throw new TooLargeException("longer than the limit of " + maxBytes + " bytes");
              }
              while (buffer.hasRemaining()) {
                channel.write(buffer);
              }
            }
            lastProgress = System.nanoTime();
            if (bar != null) {
              bar.update(bytes.get());
            }
          } catch (IOException e) {
            subscription.cancel();
            result.completeExceptionally(e);
          }
        }

        @Override
        public void onError(Throwable throwable) {
          result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
          if (bar != null) {
            bar.finish(bytes.get());
          }
          result.complete(bytes.get());
        }
      };
    }

    boolean started() {
      return started;
    }

    long lastProgress() {
      return lastProgress;
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }

    void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to save
      }
    }

    void discard() {
      close();
      try {
        Files.deleteIfExists(target);
      } catch (IOException e) {
        // the work folder is removed as a whole later
      }
    }
  }

  /** Loaded on the first log line only: a quiet run never starts the logging framework. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  }
}

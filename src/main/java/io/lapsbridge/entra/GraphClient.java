package io.lapsbridge.entra;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Graph over {@link HttpClient}: a bearer token from the {@link TokenSource} on every request,
 * the headers Graph asks for ({@code User-Agent}, {@code ocp-client-name}/{@code -version}),
 * bounded retries of 429 and 503 that honour {@code Retry-After}, and collections streamed page
 * by page along {@code @odata.nextLink}, which must stay on Graph's host since the token goes
 * with it.
 */
public final class GraphClient {
  static final String CLIENT_NAME = "lapsbridge";

  /** Waits between attempts; tests record instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * How many times a throttled request is tried again, and the longest wait accepted: a
   * {@code Retry-After} beyond it is not waited for but reported.
   */
  public record RetryPolicy(int maxRetries, Duration longestWait) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMinutes(2));
  }

  /** A response whose status was 2xx: its body, to be read and closed by the caller. */
  record Response(int status, InputStream body) {}

  private final HttpClient http;
  private final URI graph;
  private final TokenSource tokens;
  private final Duration timeout;
  private final RetryPolicy retries;
  private final Sleeper sleeper;
  private final String version;
  private int throttled;

  GraphClient(URI graph, SSLContext tls, TokenSource tokens, Duration timeout,
      RetryPolicy retries, Sleeper sleeper, String version) {
    this.graph = graph;
    this.tokens = tokens;
    this.timeout = timeout;
    this.retries = retries;
    this.sleeper = sleeper;
    this.version = version;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
  }

  /** How many 429/503 answers were waited out so far. */
  public int throttledCount() {
    return throttled;
  }

  URI resolve(String pathAndQuery) {
    return graph.resolve(pathAndQuery);
  }

  /** GET {@code uri}; the whole body of a success. */
  byte[] getBytes(URI uri, String what) throws GraphException {
    Response response = send(uri, "GET", what);
    try (InputStream body = response.body()) {
      return body.readAllBytes();
    } catch (IOException e) {
      throw new GraphException(GraphException.Kind.UNREACHABLE,
          what + ": the answer broke off: " + e.getClass().getSimpleName(), e);
    }
  }

  /** POST {@code uri} with no body; the status of a success. */
  int post(URI uri, String what) throws GraphException {
    Response response = send(uri, "POST", what);
    try (InputStream body = response.body()) {
      body.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // The action was accepted; a body broken off after the status changes nothing.
    }
    return response.status();
  }

  /**
   * Streams every item of the collection at {@code first}, page by page: one page is read and
   * handed over before the next is asked for.
   *
   * @return the number of pages
   */
  <T> int forEach(URI first, GraphJson.ItemReader<T> reader, Consumer<? super T> each,
      String what) throws GraphException {
    URI next = first;
    int pages = 0;
    while (next != null) {
      Response response = send(next, "GET", what);
      String link;
      try (InputStream body = response.body()) {
        link = GraphJson.page(body, reader, each, what);
      } catch (IOException e) {
        throw new GraphException(GraphException.Kind.UNREACHABLE,
            what + ": the answer broke off: " + e.getClass().getSimpleName(), e);
      }
      pages++;
      next = link == null ? null : sameHost(link, what);
    }
    return pages;
  }

  URI sameHost(String link, String what) throws GraphException {
    URI uri;
    try {
      uri = URI.create(link);
    } catch (IllegalArgumentException e) {
      throw new GraphException(GraphException.Kind.MALFORMED,
          what + ": @odata.nextLink is not a URI");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())
        || !graph.getHost().equalsIgnoreCase(uri.getHost()) || graph.getPort() != uri.getPort()) {
      // The bearer token goes with the request: never to another host.
      throw new GraphException(GraphException.Kind.MALFORMED, what + ": @odata.nextLink leads to "
          + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
          + ", not to Graph at " + graph.getHost());
    }
    return uri;
  }

  private Response send(URI uri, String method, String what) throws GraphException {
    for (int attempt = 0; ; attempt++) {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
          .method(method, HttpRequest.BodyPublishers.noBody())
          .header("Authorization", "Bearer " + tokens.accessToken())
          .header("User-Agent", CLIENT_NAME + "/" + version)
          .header("ocp-client-name", CLIENT_NAME)
          .header("ocp-client-version", version)
          .header("Accept", "application/json")
          .build();
      HttpResponse<InputStream> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw new GraphException(GraphException.Kind.UNREACHABLE,
            what + ": Graph did not answer within " + timeout.toSeconds() + " s", e);
      } catch (SSLException e) {
        throw new GraphException(GraphException.Kind.UNREACHABLE, what + ": TLS to "
            + uri.getHost() + " failed (" + e.getClass().getSimpleName() + "); is its"
            + " certificate trusted (--graph-trust-store)?", e);
      } catch (ConnectException e) {
        throw new GraphException(GraphException.Kind.UNREACHABLE,
            what + ": cannot connect to " + uri.getHost() + ":" + port(uri), e);
      } catch (IOException e) {
        throw new GraphException(GraphException.Kind.UNREACHABLE,
            what + ": " + uri.getHost() + " failed: " + e.getClass().getSimpleName(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GraphException(GraphException.Kind.UNREACHABLE, what + ": interrupted", e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Response(status, response.body());
      }
      byte[] body = drain(response);
      if ((status == 429 || status == 503) && attempt < retries.maxRetries()) {
        Duration wait = retryAfter(response, attempt);
        if (wait.compareTo(retries.longestWait()) > 0) {
          throw new GraphException(GraphException.Kind.UNREACHABLE, what + ": Graph is throttling"
              + " (HTTP " + status + ") and asks to wait " + wait.toSeconds() + " s, more than "
              + retries.longestWait().toSeconds() + " s; try again later");
        }
        throttled++;
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GraphException(GraphException.Kind.UNREACHABLE, what + ": interrupted", e);
        }
        continue;
      }
      throw failure(status, GraphJson.error(body), what, attempt);
    }
  }

  private static int port(URI uri) {
    return uri.getPort() < 0 ? 443 : uri.getPort();
  }

  private static byte[] drain(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      // An error body is small; a huge one is cut, the status still tells.
      return body.readNBytes(64 * 1024);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** {@code Retry-After} in seconds or as an HTTP date; without one, 1, 2, 4... seconds. */
  static Duration retryAfter(HttpResponse<?> response, int attempt) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    Duration fallback = Duration.ofSeconds(1L << Math.min(attempt, 6));
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long seconds = Long.parseLong(value.strip());
      return seconds < 0 ? fallback : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(java.time.Instant.now(), when.toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notDate) {
        return fallback;
      }
    }
  }

  private GraphException failure(int status, GraphJson.GraphError error, String what,
      int attempt) {
    String said = error.describe().isEmpty() ? "" : " (" + oneLine(error.describe()) + ")";
    return switch (status) {
      case 401 -> new GraphException(GraphException.Kind.AUTHENTICATION,
          what + ": Graph refused the token (HTTP 401)" + said);
      case 403 -> new GraphException(GraphException.Kind.PERMISSION,
          what + ": access denied (HTTP 403)" + said);
      case 404 -> new GraphException(GraphException.Kind.NOT_FOUND,
          what + ": not found (HTTP 404)" + said);
      case 429, 503 -> new GraphException(GraphException.Kind.UNREACHABLE, what
          + ": Graph is still throttling (HTTP " + status + ") after " + attempt
          + " retries; try again later" + said);
      default -> new GraphException(status >= 500 ? GraphException.Kind.UNREACHABLE
          : GraphException.Kind.REJECTED, what + ": HTTP " + status + said);
    };
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  @Override
  public String toString() {
    return "GraphClient[" + graph + "]";
  }
}

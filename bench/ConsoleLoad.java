// Load generator for bench/console.sh (run as a single-file program: java bench/ConsoleLoad.java).
// Each simulated helpdesk user signs in once (its own session, so its own warm LDAP connection)
// and then reads one computer through GET /api/v1/computer as fast as it can. Prints p50, p99
// and reads per second. It trusts any certificate: it only ever talks to the demo's self-signed
// console on 127.0.0.1.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

public class ConsoleLoad {
  public static void main(String[] args) throws Exception {
    String base = args[0];
    int users = Integer.parseInt(args[1]);
    int readsPerUser = Integer.parseInt(args[2]);
    String computer = args[3];
    String user = args[4];
    String password = args[5];
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new X509TrustManager() {
      public void checkClientTrusted(X509Certificate[] c, String a) {}
      public void checkServerTrusted(X509Certificate[] c, String a) {}
      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }}, null);
    SSLParameters parameters = new SSLParameters();
    parameters.setEndpointIdentificationAlgorithm(null);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> cookies = new ArrayList<>();
    List<HttpClient> clients = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      HttpClient client = HttpClient.newBuilder().sslContext(tls).sslParameters(parameters)
          .version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "api/v1/session"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\""
              + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("sign-in: " + r.statusCode() + " " + r.body());
      }
      String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
      cookies.add(cookie.substring(0, cookie.indexOf(';')));
      clients.add(client);
    }
    URI read = URI.create(base + "api/v1/computer?name=" + computer);
    // Warm-up: a few reads per user, not counted.
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < 5; i++) {
        clients.get(u).send(HttpRequest.newBuilder(read).header("Cookie", cookies.get(u)).build(),
            HttpResponse.BodyHandlers.ofString());
      }
    }
    CountDownLatch done = new CountDownLatch(users);
    long start = System.nanoTime();
    for (int u = 0; u < users; u++) {
      int me = u;
      new Thread(() -> {
        try {
          for (int i = 0; i < readsPerUser; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = clients.get(me).send(HttpRequest.newBuilder(read)
                .header("Cookie", cookies.get(me)).build(), HttpResponse.BodyHandlers.ofString());
            latencies.add(System.nanoTime() - t0);
            if (r.statusCode() != 200) {
              throw new IllegalStateException("read: " + r.statusCode() + " " + r.body());
            }
          }
        } catch (Exception e) {
          e.printStackTrace();
        } finally {
          done.countDown();
        }
      }).start();
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("users %d, reads %d: p50 %.2f ms, p99 %.2f ms, %.0f reads/s%n", users,
        sorted.size(), sorted.get(sorted.size() / 2) / 1e6,
        sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6,
        sorted.size() / seconds);
  }
}

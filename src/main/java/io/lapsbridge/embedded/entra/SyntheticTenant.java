package io.lapsbridge.embedded.entra;

import io.lapsbridge.embedded.StandInException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A Graph stand-in serving a synthetic tenant of any size, for the benchmark
 * ({@code bench/entra-inventory.sh}): {@code java -cp lapsbridge-all.jar
 * io.lapsbridge.embedded.entra.SyntheticTenant DEVICES FOLDER}. It writes the application's
 * client secret to {@code FOLDER/client.secret} (owner-only), prints the options to reach it,
 * and serves until killed. Devices are generated page by page, never held.
 */
public final class SyntheticTenant {
  public static final String APP_ID = "5e7e71c0-0000-4000-8000-00000000be7c";

  private SyntheticTenant() {}

  public static void main(String[] args) throws StandInException, IOException,
      InterruptedException {
    int devices = Integer.parseInt(args[0]);
    Path folder = Path.of(args[1]);
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    Path secretFile = folder.resolve("client.secret");
    Files.deleteIfExists(secretFile);
    Files.createFile(secretFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(secretFile, secret, StandardCharsets.UTF_8);
    GraphStandIn standIn = GraphStandIn.start(new GraphStandIn.Config(DemoTenant.TENANT,
        List.of(new EntraFixture.Application(APP_ID, secret, null, EntraFixture.ALL)), null,
        List.of(), devices, 1000, true));
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      standIn.close();
      stop.countDown();
    }));
    System.out.printf("--tenant %s --client-id %s --client-secret-file %s --graph-url %s"
        + " --authority-url %s --graph-trust-store %s%n", DemoTenant.TENANT, APP_ID, secretFile,
        standIn.graphUrl(), standIn.authorityUrl(), standIn.certificateFile());
    System.out.println("Serving until killed.");
    System.out.flush();
    stop.await();
  }
}

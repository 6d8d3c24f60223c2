package io.lapsbridge.samba;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Rewrites a provisioned smb.conf and writes a krb5.conf so everything stays in the folder. */
final class SambaConfig {
  private SambaConfig() {}

  /**
   * Confines the DC to {@code dir}: its run-time files, its log, only LDAP, CLDAP and the KDC
   * (no RPC, so port 135 stays free), our certificate, one worker per service (the test
   * machine's CPUs are shared), and schema updates allowed (real AD: the schema master).
   */
  static void confine(Path dir, SambaDc.Spec spec) throws IOException {
    Path config = SambaDc.config(dir);
    Path run = Files.createDirectories(dir.resolve("run"));
    String global = String.join("\n",
        "\tpid directory = " + run,
        "\tncalrpc dir = " + run.resolve("ncalrpc"),
        "\twinbindd socket directory = " + run.resolve("winbindd"),
        "\tntp signd socket directory = " + run.resolve("ntp_signd"),
        "\tlog file = " + dir.resolve("log.%m"),
        "\tserver services = ldap, cldap, kdc",
        "\tprefork children = 1",
        "\ttls enabled = yes",
        "\ttls keyfile = " + dir.resolve("key.pem"),
        "\ttls certfile = " + dir.resolve("cert.pem"),
        "\ttls cafile =",
        "\tdsdb:schema update allowed = true",
        "");
    StringBuilder rewritten = new StringBuilder();
    for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
      String key = line.strip().split("=", 2)[0].strip();
      if (key.equals("server services") || key.equals("log file")) {
        continue; // replaced below
      }
      rewritten.append(line).append('\n');
      if (line.strip().equals("[global]")) {
        rewritten.append(global);
      }
    }
    Files.writeString(config, rewritten, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("krb5.conf"), krb5Conf(spec), StandardCharsets.UTF_8);
  }

  private static String krb5Conf(SambaDc.Spec spec) {
    return "[libdefaults]\n"
        + "\tdefault_realm = " + spec.realm() + "\n"
        + "\tdns_lookup_realm = false\n"
        + "\tdns_lookup_kdc = false\n"
        + "\trdns = false\n"
        + "\tdns_canonicalize_hostname = false\n\n"
        + "[realms]\n"
        + "\t" + spec.realm() + " = {\n\t\tkdc = " + spec.host() + "\n\t}\n\n"
        + "[domain_realm]\n"
        + "\t." + spec.dnsDomain() + " = " + spec.realm() + "\n";
  }
}

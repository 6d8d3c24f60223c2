package io.lapsbridge.report;

import io.lapsbridge.directory.KdsRootKeyInfo;
import java.io.PrintWriter;
import java.util.List;

/** One KDS root key in {@code kds list}: metadata only, never key data. */
public record KdsKeyRow(
    String id,
    Integer version,
    String kdf,
    String kdfHash,
    String secretAgreement,
    Integer privateKeyLength,
    Integer publicKeyLength,
    String createTime,
    String useStartTime,
    String domainId,
    boolean keyDataReadable) {

  public static KdsKeyRow of(KdsRootKeyInfo key) {
    return new KdsKeyRow(key.id().toString(), key.version(), key.kdfAlgorithm(), key.kdfHash(),
        key.secretAgreement(), key.privateKeyLength(), key.publicKeyLength(),
        Times.iso(key.createTime()), Times.iso(key.useStartTime()), key.domainId(),
        key.keyDataReadable());
  }

  /** The text layout: a fixed-width table with the key sizes as private/public bits. */
  public static void printTable(PrintWriter out, List<KdsKeyRow> rows) {
    String layout = "%-36s  %-7s  %-9s  %-9s  %-20s  %-20s  %s%n";
    out.printf(layout, "Id", "KdfHash", "Agreement", "Bits", "CreateTime", "UseStartTime",
        "KeyDataReadable");
    for (KdsKeyRow row : rows) {
      out.printf(layout, row.id(), blank(row.kdfHash()), blank(row.secretAgreement()),
          blank(row.privateKeyLength()) + "/" + blank(row.publicKeyLength()),
          blank(row.createTime()), blank(row.useStartTime()),
          row.keyDataReadable() ? "yes" : "no");
    }
  }

  private static Object blank(Object value) {
    return value == null ? "" : value;
  }
}

package io.lapsbridge.report;

import java.io.PrintWriter;

/**
 * One agent cycle as {@code agent run-once} prints it on stdout.
 *
 * @param status the outcome, kebab-case ({@code rotated}, {@code not-due}, ...)
 * @param summary one line for a person; never a password
 * @param failure what failed, kebab-case; null when nothing did
 * @param exitStatus the process exit status this cycle earns
 * @param publicKey where an encrypted plan's group public key came from ({@code fetched from DC
 *     (GetKey, host:port)} or {@code published file PATH}); null when none was used
 */
public record AgentCycleReport(String status, String summary, String failure, int exitStatus,
    String publicKey) {
  /** Without a public key: a clear-text plan, or none. */
  public AgentCycleReport(String status, String summary, String failure, int exitStatus) {
    this(status, summary, failure, exitStatus, null);
  }

  /**
   * A JSON object with these properties, or the line {@code status: summary}, then {@code
   * publicKey: SOURCE} when a key was used.
   */
  public void print(PrintWriter out, OutputFormat format) {
    if (format == OutputFormat.JSON) {
      out.println(JsonOutput.write(this));
    } else {
      out.println(status + ": " + summary);
      if (publicKey != null) {
        out.println("publicKey: " + publicKey);
      }
    }
    out.flush();
  }
}

package io.lapsbridge.report;

import java.io.PrintWriter;

/**
 * One agent cycle as {@code agent run-once} prints it on stdout.
 *
 * @param status the outcome, kebab-case ({@code rotated}, {@code not-due}, ...)
 * @param summary one line for a person; never a password
 * @param failure what failed, kebab-case; null when nothing did
 * @param exitStatus the process exit status this cycle earns
 */
public record AgentCycleReport(String status, String summary, String failure, int exitStatus) {
  /** A JSON object with these properties, or the line {@code status: summary}. */
  public void print(PrintWriter out, OutputFormat format) {
    out.println(format == OutputFormat.JSON ? JsonOutput.write(this) : status + ": " + summary);
    out.flush();
  }
}

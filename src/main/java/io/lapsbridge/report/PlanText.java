package io.lapsbridge.report;

import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Plan;
import java.io.PrintWriter;

/** The text of {@code migrate plan} (the whole plan) and {@code migrate check} (its counts). */
public final class PlanText {
  private PlanText() {}

  /** The header with the counts, then each action, flag and waiting cleanup as a block. */
  public static void print(PrintWriter out, Plan plan) {
    out.printf("Migration plan as of %s (rules %s, sha256 %s)%n", plan.asOf(), Visible.escape(plan.rulesFile()),
        plan.rulesSha256().substring(0, 12));
    out.printf("Computers: %d; no rule: %d%n", plan.computers(), plan.unmatched());
    if (plan.actions().isEmpty()) {
      out.println("Actions: none");
    } else {
      StringBuilder counts = new StringBuilder();
      plan.actionCounts().forEach((k, v) -> counts.append(counts.length() == 0 ? "" : ", ")
          .append(k).append(' ').append(v));
      out.printf("Actions: %d (%s)%n", plan.actions().size(), counts);
    }
    out.printf("For a person: %d; waiting: %d%n", plan.flags().size(), plan.deferred().size());
    int id = 1;
    for (Action action : plan.actions()) {
      out.printf("%n%4d  %s  %s%n      rule %s: %s%n", id++, action.kind(),
          Visible.escape(action.dn()), Visible.escape(action.rule()), Visible.escape(action.reason()));
    }
    for (Plan.Note flag : plan.flags()) {
      out.printf("%nFLAG  %s  %s%n      %s%s%n", flag.state(),
          Visible.escape(flag.dn()), flag.rule() == null ? "" : "rule " + Visible.escape(flag.rule()) + ": ",
          Visible.escape(flag.reason()));
    }
    for (Plan.Note later : plan.deferred()) {
      out.printf("%nWAIT  %s  %s%n      rule %s: %s%n", later.state(),
          Visible.escape(later.dn()), Visible.escape(later.rule()), Visible.escape(later.reason()));
    }
    out.flush();
  }

  /** One line of counts and one verdict: whether work remains. */
  public static void printCheck(PrintWriter out, Plan plan) {
    StringBuilder counts = new StringBuilder();
    plan.actionCounts().forEach((k, v) -> counts.append(", ").append(k).append(' ').append(v));
    out.printf("%d computers: %d actions%s; %d for a person; %d waiting%n", plan.computers(),
        plan.actions().size(), counts, plan.flags().size(), plan.deferred().size());
    out.println(plan.workRemains() ? "work remains" : "done: the estate matches the rules");
    out.flush();
  }
}

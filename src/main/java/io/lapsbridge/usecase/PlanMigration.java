package io.lapsbridge.usecase;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.EstateReader;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.migration.Classifier;
import io.lapsbridge.migration.Plan;
import io.lapsbridge.migration.Planner;
import io.lapsbridge.migration.Rule;
import io.lapsbridge.migration.Rules;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code migrate plan} and {@code check}: streams the live estate through the planner. The group
 * memberships the rules name are read first, so that the planner itself stays pure.
 */
public final class PlanMigration {
  private PlanMigration() {}

  /**
   * Reads the estate and the rules' groups, classifies every computer and plans its actions.
   *
   * @param allowDowngrade allow mirroring Windows LAPS passwords into the cleartext legacy one
   */
  public static Plan plan(LapsDirectory directory, Rules rules, Classifier classifier,
      boolean allowDowngrade) throws DirectoryException {
    return plan(directory, rules, classifier, allowDowngrade, rule -> { });
  }

  /**
   * As {@link #plan(LapsDirectory, Rules, Classifier, boolean)}, telling {@code emptySubtree}
   * each rule whose subtree scope covers no computer read, in file order.
   */
  public static Plan plan(LapsDirectory directory, Rules rules, Classifier classifier,
      boolean allowDowngrade, Consumer<Rule> emptySubtree) throws DirectoryException {
    EstateReader reader = new EstateReader(directory);
    Map<String, Set<String>> groups = reader.groupMembers(rules.groupDns());
    Planner planner = new Planner(rules, classifier, allowDowngrade, groups);
    reader.forEachReadableComputer(null, planner::accept);
    planner.emptySubtrees().forEach(emptySubtree);
    return planner.plan();
  }
}

package io.lapsbridge.usecase;

import io.lapsbridge.directory.ComputerSids;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.EstateReader;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.entra.CredentialSummary;
import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.migration.Classifier;
import io.lapsbridge.migration.EntraMove;
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
    try {
      return plan(directory, null, rules, classifier, allowDowngrade, emptySubtree);
    } catch (GraphException e) {
      throw new IllegalStateException("Entra is not read without a connection", e);
    }
  }

  /**
   * As {@link #plan(LapsDirectory, Rules, Classifier, boolean, Consumer)}, with Entra for rules
   * with {@code afterEntraMove: clear} (#16): its backups and hybrid devices are indexed first
   * (metadata only, as {@link CombinedInventory} matches them), and each computer is planned
   * with its Entra device. Null {@code entra}: planned without (those rules then clear nothing).
   */
  public static Plan plan(LapsDirectory directory, EntraDirectory entra, Rules rules,
      Classifier classifier, boolean allowDowngrade, Consumer<Rule> emptySubtree)
      throws DirectoryException, GraphException {
    EstateReader reader = new EstateReader(directory);
    Map<String, Set<String>> groups = reader.groupMembers(rules.groupDns());
    Planner planner = new Planner(rules, classifier, allowDowngrade, groups);
    if (entra != null && rules.needEntra()) {
      CombinedInventory.EntraIndex index = CombinedInventory.EntraIndex.load(entra);
      ComputerSids.forEachReadableComputer(directory, (computer, sid) -> {
        CombinedInventory.Matched matched = index.match(computer.name(), sid);
        if (matched == null) {
          planner.accept(computer);
          return;
        }
        CredentialSummary backup = index.backup(matched.deviceId());
        planner.accept(computer, new EntraMove.Match(matched.deviceId(),
            backup == null ? null : backup.lastBackup(), "sid".equals(matched.by())));
      });
    } else {
      reader.forEachReadableComputer(null, planner::accept);
    }
    planner.emptySubtrees().forEach(emptySubtree);
    return planner.plan();
  }
}

package io.lapsbridge.migration;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code group:} scopes transitively: the members of a group, of its member groups,
 * and so on to any depth. Pure: the directory adapter supplies which DNs are groups and reads
 * one group's direct members on demand.
 *
 * <p>Each group is read at most once, however many rule groups reach it; a group already
 * visited is not followed again, so cycles end. A member DN is followed only if it names a
 * known group: a user, a computer, a missing entry or a foreign DN is a plain member (it
 * matches no computer unless it is one). A nested group that vanished between the group list
 * and its read counts as empty. Reading more than {@code maxGroups} distinct groups is an error
 * rather than a silently partial scope.
 */
public final class GroupNesting {
  /** The default bound on distinct groups read while resolving all rule groups. */
  public static final int MAX_GROUPS = 10_000;

  private GroupNesting() {}

  /**
   * Reads one group's direct {@code member} values.
   *
   * @param <E> what the reader may throw
   */
  @FunctionalInterface
  public interface Reader<E extends Exception> {
    /**
     * Reads one group's members.
     *
     * @param dn the group
     * @param ruleGroup true for a group a rule names (the reader may insist that it exists)
     * @return its {@code member} values, or empty when the entry does not exist
     */
    Optional<List<String>> members(String dn, boolean ruleGroup) throws E;
  }

  /**
   * Resolves each rule group to its transitive members.
   *
   * @param ruleGroups the groups rules name, as written in the rule file
   * @param groups the DNs of every group entry the nesting may pass through
   * @return for each rule group (keyed as given), every transitive member DN, nested group DNs
   *     included
   */
  public static <E extends Exception> Map<String, Set<String>> resolve(
      List<String> ruleGroups, Collection<String> groups, Reader<E> reader, int maxGroups)
      throws E {
    if (maxGroups < 1) {
      throw new IllegalArgumentException("the group bound must be positive");
    }
    Set<String> known = new HashSet<>();
    groups.forEach(dn -> known.add(DistinguishedNames.normalize(dn)));
    Map<String, List<String>> direct = new HashMap<>();
    for (String root : ruleGroups) {
      // Rule groups first, so the reader sees each as one even if another nests it.
      if (!direct.containsKey(DistinguishedNames.normalize(root))) {
        bound(direct, maxGroups, root);
        direct.put(DistinguishedNames.normalize(root),
            reader.members(root, true).orElse(List.of()));
      }
    }
    Map<String, Set<String>> result = new LinkedHashMap<>();
    for (String root : ruleGroups) {
      Set<String> members = new LinkedHashSet<>();
      Set<String> visited = new HashSet<>();
      ArrayDeque<String> queue = new ArrayDeque<>();
      queue.add(root);
      visited.add(DistinguishedNames.normalize(root));
      while (!queue.isEmpty()) {
        String group = queue.poll();
        String key = DistinguishedNames.normalize(group);
        List<String> values = direct.get(key);
        if (values == null) {
          bound(direct, maxGroups, root);
          values = reader.members(group, false).orElse(List.of());
          direct.put(key, values);
        }
        for (String member : values) {
          members.add(member);
          String memberKey = DistinguishedNames.normalize(member);
          if (known.contains(memberKey) && visited.add(memberKey)) {
            queue.add(member);
          }
        }
      }
      result.put(root, members);
    }
    return result;
  }

  private static void bound(Map<String, List<String>> read, int maxGroups, String root) {
    if (read.size() >= maxGroups) {
      throw new MigrationInputException("rule group '" + root + "': the nesting reaches more"
          + " than " + maxGroups + " groups; scope the rule to a smaller group");
    }
  }
}

package io.lapsbridge.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computer names by typed prefix, for completion. Each prefix is asked of the directory once;
 * when a shorter prefix's answer was complete, a longer one is filtered from it without asking
 * again. A failed search completes nothing (and is asked again next time): completion must
 * never break the prompt.
 */
public final class NameCache {
  /** The most names one search returns. */
  public static final int LIMIT = 200;

  /** Where names come from: the directory's prefix search. */
  @FunctionalInterface
  public interface Source {
    /** Names starting with {@code prefix} (any case), at most {@code limit}. */
    Answer find(String prefix, int limit) throws Exception;
  }

  /** What a search found, and whether it is every match. */
  public record Answer(List<String> names, boolean complete) {
    public Answer {
      names = List.copyOf(names);
    }
  }

  private final Source source;
  private final Map<String, Answer> answers = new HashMap<>();
  private int searches;

  public NameCache(Source source) {
    this.source = source;
  }

  /** The names starting with {@code prefix}, case-insensitively. */
  public synchronized List<String> complete(String prefix) {
    String key = prefix.toLowerCase(Locale.ROOT);
    Answer cached = answers.get(key);
    if (cached != null) {
      return cached.names();
    }
    for (int cut = key.length() - 1; cut >= 0; cut--) {
      Answer shorter = answers.get(key.substring(0, cut));
      if (shorter != null && shorter.complete()) {
        List<String> names = shorter.names().stream()
            .filter(n -> n.toLowerCase(Locale.ROOT).startsWith(key)).toList();
        answers.put(key, new Answer(names, true));
        return names;
      }
    }
    try {
      searches++;
      Answer answer = source.find(prefix, LIMIT);
      answers.put(key, answer);
      return answer.names();
    } catch (Exception e) {
      return List.of();
    }
  }

  /** How many searches reached the source, for tests. */
  synchronized int searches() {
    return searches;
  }
}

package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The man pages under packaging/man and the bash completion under packaging/completion are
 * generated from the picocli declarations (see {@link ManualPages}) and packaged as they are.
 * Regenerate with {@code mvn test -Dtest=ManualPagesTest -Dregenerate=true}.
 */
class ManualPagesTest {
  private static final Path MAN = Path.of("packaging", "man");
  private static final Path BASH = Path.of("packaging", "completion", "lapsbridge.bash");
  private static final boolean REGENERATE = Boolean.getBoolean("regenerate");

  @Test
  void manPagesAreInStepWithTheCommands() throws IOException {
    Map<String, String> pages = ManualPages.pages();
    if (REGENERATE) {
      Files.createDirectories(MAN);
      try (Stream<Path> old = Files.list(MAN)) {
        for (Path file : old.filter(f -> f.toString().endsWith(".1")).toList()) {
          Files.delete(file);
        }
      }
      for (Map.Entry<String, String> page : pages.entrySet()) {
        Files.writeString(MAN.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
      }
    }
    try (Stream<Path> files = Files.list(MAN)) {
      assertEquals(new TreeSet<>(pages.keySet()),
          files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".1"))
              .collect(Collectors.toCollection(TreeSet::new)),
          "packaging/man holds a page per command and no other; regenerate with -Dregenerate=true");
    }
    for (Map.Entry<String, String> page : pages.entrySet()) {
      assertEquals(page.getValue(), Files.readString(MAN.resolve(page.getKey()), StandardCharsets.UTF_8),
          "packaging/man/" + page.getKey() + " is stale; regenerate with -Dregenerate=true");
    }
  }

  @Test
  void everyCommandHasAPageThatNamesItsOptions() {
    Map<String, String> pages = ManualPages.pages();
    assertTrue(pages.containsKey("lapsbridge.1"));
    assertTrue(pages.containsKey("lapsbridge-migrate-plan.1"), pages.keySet().toString());
    String getPassword = pages.get("lapsbridge-get-password.1");
    assertTrue(getPassword.contains("\\fB\\-\\-bind\\-password\\-file\\fR"), getPassword);
    assertTrue(getPassword.startsWith(".\\\" Generated"), getPassword);
  }

  @Test
  void bashCompletionIsInStepWithTheCommands() throws IOException {
    String script = ManualPages.bashCompletion();
    if (REGENERATE) {
      Files.createDirectories(BASH.getParent());
      Files.writeString(BASH, script, StandardCharsets.UTF_8);
    }
    assertEquals(script, Files.readString(BASH, StandardCharsets.UTF_8),
        "packaging/completion/lapsbridge.bash is stale; regenerate with -Dregenerate=true");
  }

  @Test
  void fixedValuesCompleteInTheCaseTheHelpUses() {
    String script = ManualPages.bashCompletion();
    assertTrue(script.contains("format_option_args=(\"text\" \"json\" \"csv\" \"html\")"), "inventory --format values");
    assertTrue(!script.startsWith("#!"), "a sourced file has no #! line");
    assertTrue(script.contains("complete -F _complete_lapsbridge"), "registers the function");
    assertTrue(script.contains("family_option_args=(\"legacy\" \"windows\" \"all\")"), "--family values");
  }
}

package io.lapsbridge.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Attribute names come only from {@link LapsAttribute}: no string literal outside {@code wire}
 * spells one. ArchUnit cannot see literals (the compiler inlines constants), so this reads the
 * main sources; comments are left out, since prose there does not reach the directory or a user.
 */
class AttributeNameLiteralsTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Path WIRE = MAIN.resolve("io/lapsbridge/wire");
  private static final Pattern COMMENT =
      Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern LITERAL =
      Pattern.compile("\"\"\".*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"", Pattern.DOTALL);
  private static final Pattern NAME_LIKE = Pattern.compile("(?<![\\w-])[\\w-]+(?![\\w-])");

  private static final Set<String> NAMES =
      Arrays.stream(LapsAttribute.values())
          .flatMap(a -> Stream.of(a.ldapName(), a.cn()))
          .collect(Collectors.toSet());

  @Test
  void noStringLiteralOutsideWireSpellsALapsAttributeName() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(WIRE))
          .forEach(f -> found.addAll(namesInLiterals(f)));
    }
    assertEquals(List.of(), found, "use LapsAttribute.X.ldapName() (or LapsAttribute.Names.X)");
  }

  @Test
  void theScanSeesLiteralsAndIgnoresComments() {
    String source = "// ms-Mcs-AdmPwd in a comment\n/* msLAPS-Password */ String a ="
        + " \"read msLAPS-Password now\" + \"msLAPS-Encrypted*\" + \"ms-Mcs-AdmPwdX\";\n"
        + "String b = \"\"\"\n  ms-LAPS-EncryptedPassword\n  \"\"\";";
    assertEquals(List.of("msLAPS-Password", "ms-LAPS-EncryptedPassword"), names(source));
  }

  private static List<String> namesInLiterals(Path file) {
    try {
      return names(Files.readString(file)).stream().map(n -> file + ": \"" + n + "\"").toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(String source) {
    List<String> found = new ArrayList<>();
    Matcher literal = LITERAL.matcher(stripComments(source));
    while (literal.find()) {
      Matcher word = NAME_LIKE.matcher(literal.group());
      while (word.find()) {
        if (NAMES.contains(word.group())) {
          found.add(word.group());
        }
      }
    }
    return found;
  }

  /** Drops comments, but not a // or /* inside a string literal (such as a URL). */
  private static String stripComments(String source) {
    StringBuilder out = new StringBuilder();
    Matcher m = Pattern.compile(LITERAL.pattern() + "|" + COMMENT.pattern(), Pattern.DOTALL)
        .matcher(source);
    int last = 0;
    while (m.find()) {
      out.append(source, last, m.start());
      if (m.group().startsWith("\"")) {
        out.append(m.group());
      }
      last = m.end();
    }
    return out.append(source.substring(last)).toString();
  }
}

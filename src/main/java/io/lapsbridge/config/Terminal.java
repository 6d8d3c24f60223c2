package io.lapsbridge.config;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the process talks to a person at a terminal, on every JDK from 17 on. */
public final class Terminal {
  private Terminal() {}

  /**
   * The console when stdin and stdout are a terminal, else null. On JDK 22 and later
   * {@code System.console()} is not null when they are redirected, so there
   * {@code Console.isTerminal()} (JDK 22) decides; on older JDKs a console means a terminal.
   */
  @SuppressWarnings("SystemConsoleNull") // the null check is completed by isTerminal() below
  public static Console console() {
    Console console = System.console();
    if (console == null) {
      return null;
    }
    Method isTerminal;
    try {
      isTerminal = Console.class.getMethod("isTerminal");
    } catch (NoSuchMethodException e) {
      return console;
    }
    try {
      return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}

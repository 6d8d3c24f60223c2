package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import java.util.Locale;

/**
 * Where the agent's structured event lines go. A line is {@code event=ID level=LEVEL
 * [admpwd=ID] msg="..."}; messages never contain a password, because nothing the cycle puts in
 * them is a secret ({@link io.lapsbridge.model.Secret} prints as {@code ****}).
 */
@FunctionalInterface
public interface EventSink {
  void line(String line);

  /** Formats and emits one event; {@code family} adds the AdmPwd ID in legacy emulation. */
  default void emit(AgentEvent event, AttributeFamily family, String message) {
    line(format(event, family, message));
  }

  /** The one event-line format. */
  static String format(AgentEvent event, AttributeFamily family, String message) {
    StringBuilder line = new StringBuilder("event=").append(event.id())
        .append(" level=").append(event.level().name().toLowerCase(Locale.ROOT));
    if (family == AttributeFamily.LEGACY && event.admPwdId() != 0) {
      line.append(" admpwd=").append(event.admPwdId());
    }
    String oneLine = message.replace('\n', ' ').replace('\r', ' ').replace("\"", "'");
    return line.append(" msg=\"").append(oneLine).append('"').toString();
  }
}

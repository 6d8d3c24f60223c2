package io.lapsbridge.doctor;

/** AD's functional level numbers (msDS-Behavior-Version) as Windows Server releases. */
final class Levels {
  /** Windows Server 2016: needed for Windows LAPS encryption and DSRM backup. */
  static final int WS2016 = 7;

  private Levels() {}

  static String name(int level) {
    return switch (level) {
      case 0 -> "Windows 2000";
      case 1 -> "Windows Server 2003 interim";
      case 2 -> "Windows Server 2003";
      case 3 -> "Windows Server 2008";
      case 4 -> "Windows Server 2008 R2";
      case 5 -> "Windows Server 2012";
      case 6 -> "Windows Server 2012 R2";
      case 7 -> "Windows Server 2016";
      case 10 -> "Windows Server 2025";
      default -> "level " + level;
    };
  }

  static String describe(int level) {
    return level + " (" + name(level) + ")";
  }
}
